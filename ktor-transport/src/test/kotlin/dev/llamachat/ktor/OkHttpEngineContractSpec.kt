package dev.llamachat.ktor

import io.ktor.client.engine.okhttp.OkHttp

/** [ChatApiContractSpec] for [LlamaCloudChat] on a pooled engine (OkHttp): the contract holds whatever the engine. */
class OkHttpEngineContractSpec : ChatApiContractSpec({ server ->
    LlamaCloudChat {
        apiKey = server.apiKey
        baseUrl = server.baseUrl
        maxRetries = 0
        engineFactory = OkHttp
    }
})
