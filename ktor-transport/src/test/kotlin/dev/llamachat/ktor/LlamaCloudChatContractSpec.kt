package dev.llamachat.ktor

/** [ChatApiContractSpec] for [LlamaCloudChat] on its default engine (CIO). */
class LlamaCloudChatContractSpec : ChatApiContractSpec({ server ->
    LlamaCloudChat {
        apiKey = server.apiKey
        baseUrl = server.baseUrl
        maxRetries = 0
    }
})
