package dev.llamachat.testkit.internal

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/**
 * An error answer, thrown from deep inside a handler and written by [CallHandler] as docs/wire.md's error
 * shape: `{"detail": "..."}`, or for 422 `{"detail": [{"loc": [...], "msg": "...", "type": "..."}]}`.
 */
internal class HttpFailure(val status: Int, val body: String, val headers: Map<String, String> = emptyMap()) :
    RuntimeException(null, null, false, false) {
    companion object {
        fun detail(status: Int, detail: String, headers: Map<String, String> = emptyMap()): HttpFailure =
            HttpFailure(status, buildJsonObject { put("detail", detail) }.toString(), headers)

        fun validation(violations: List<Violation>): HttpFailure =
            HttpFailure(422, buildJsonObject { put("detail", JsonArray(violations.map { it.toJson() })) }.toString())
    }
}

/** One entry of a 422 `detail` list, with pydantic's wording, as the service (FastAPI) writes them. */
internal class Violation(val loc: List<Any>, val msg: String, val type: String) {
    fun toJson() = buildJsonObject {
        put("loc", JsonArray(loc.map { if (it is Int) JsonPrimitive(it) else JsonPrimitive(it.toString()) }))
        put("msg", msg)
        put("type", type)
    }
}
