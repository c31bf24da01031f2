package dev.llamachat.ktor.internal

/** The `User-Agent` the SDK sends: its version ([SDK_VERSION], written in by the build) and the JVM's. */
internal object SdkInfo {
    val userAgent: String = "llamachat-kotlin/$SDK_VERSION (ktor; jvm ${System.getProperty("java.version")})"
}
