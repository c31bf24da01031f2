package dev.llamachat.internal

import dev.llamachat.InternalLlamaChatApi
import kotlinx.serialization.json.Json

/** The one JSON configuration for the wire, shared by the client and testkit (docs/wire.md "Tolerance"). */
@InternalLlamaChatApi
public val LlamaJson: Json = Json {
    ignoreUnknownKeys = true // newer servers may add fields
    coerceInputValues = true // a null where a default exists takes the default
    encodeDefaults = true // the service sends nullable fields as explicit nulls; so does testkit
    explicitNulls = true
}
