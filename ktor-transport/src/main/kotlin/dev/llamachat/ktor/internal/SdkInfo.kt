package dev.llamachat.ktor.internal

import java.util.Properties

/** The SDK's version (from a resource Maven fills in at build time) and the `User-Agent` naming it. */
internal object SdkInfo {
    val version: String by lazy {
        val properties = Properties()
        SdkInfo::class.java.getResourceAsStream("/dev/llamachat/ktor/llamachat-version.properties")?.use(properties::load)
        // An unfiltered resource (a build that skipped resource filtering) still says "${project.version}".
        properties.getProperty("version")?.takeUnless { it.isBlank() || it.startsWith("\${") } ?: "unknown"
    }

    val userAgent: String by lazy { "llamachat-kotlin/$version (ktor; jvm ${System.getProperty("java.version")})" }
}
