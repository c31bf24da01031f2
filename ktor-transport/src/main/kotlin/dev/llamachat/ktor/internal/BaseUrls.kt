package dev.llamachat.ktor.internal

import java.net.URI
import java.net.URISyntaxException

/** Validates a base URL and refuses to send the API key in clear text to a host that is not this machine. */
internal object BaseUrls {
    private val IPV4_LOOPBACK = Regex("^127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$")
    private val IPV6_LOOPBACK = setOf("::1", "0:0:0:0:0:0:0:1")

    /** The URL without trailing slashes. @throws IllegalArgumentException naming what is wrong. */
    fun normalize(baseUrl: String, allowInsecureHttp: Boolean): String {
        val text = baseUrl.trim().trimEnd('/')
        val uri = try {
            URI(text)
        } catch (e: URISyntaxException) {
            throw IllegalArgumentException("baseUrl is not a valid URL: '$baseUrl' (${e.reason})")
        }
        val scheme = uri.scheme?.lowercase()
        require(scheme == "https" || scheme == "http") { "baseUrl must start with https:// (or http:// for a local server), was '$baseUrl'" }
        val host = uri.host
        require(!host.isNullOrEmpty()) { "baseUrl has no host: '$baseUrl'" }
        require(uri.rawUserInfo == null) { "baseUrl must not contain credentials; set apiKey instead" }
        require(uri.rawQuery == null && uri.rawFragment == null) { "baseUrl must not have a query or fragment: '$baseUrl'" }
        require(scheme == "https" || allowInsecureHttp || isLoopback(host)) {
            "Refusing to send the API key over plain http:// to '$host', which is not this machine: use https://, " +
                "or set allowInsecureHttp = true if the network in between is trusted."
        }
        return text
    }

    /** Loopback by its literal name or address only: resolving a name through DNS here could be spoofed. */
    fun isLoopback(host: String): Boolean {
        val h = host.removePrefix("[").removeSuffix("]").lowercase()
        return h == "localhost" || h.endsWith(".localhost") || IPV4_LOOPBACK.matches(h) || h in IPV6_LOOPBACK
    }
}
