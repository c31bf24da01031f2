package dev.llamachat.benchmarks

import java.io.IOException
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

/**
 * Creates the sessions the measured turns run on, through a client of its own (the JDK's), so that session
 * setup never counts against a measured client or its connection count.
 */
internal class SessionFactory(private val baseUrl: String, private val apiKey: String) {
    private val http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()

    /** One new session without indexes. */
    fun create(): String {
        val request = HttpRequest.newBuilder(URI.create("$baseUrl/api/v1/chat"))
            .header("Authorization", "Bearer $apiKey")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build()
        val response = http.send(request, HttpResponse.BodyHandlers.ofString())
        if (response.statusCode() != 200) throw IOException("create session answered ${response.statusCode()}: ${response.body()}")
        return Json.parseToJsonElement(response.body()).jsonObject.getValue("session_id").jsonPrimitive.content
    }

    fun create(count: Int): List<String> = List(count) { create() }
}
