package dev.llamachat.ktor

import io.ktor.client.engine.cio.CIO

/** [ChatApiContractSpec] for [LlamaCloudChat] on CIO, the other engine it tunes: the contract holds whatever the engine. */
class CioEngineContractSpec : ChatApiContractSpec({ server ->
    LlamaCloudChat {
        apiKey = server.apiKey
        baseUrl = server.baseUrl
        maxRetries = 0
        engineFactory = CIO
    }
})
