package dev.llamachat.testkit.internal

/** The options of `LocalLlamaCloudMain`. */
internal class MainOptions(val port: Int, val apiKey: String?, val keepAliveMs: Long?, val tokenDelayMs: Long) {
    companion object {
        const val USAGE: String =
            "usage: LocalLlamaCloudMain [--port N] [--api-key KEY] [--keep-alive-ms N] [--token-delay-ms N]"

        fun parse(args: Array<String>): MainOptions {
            var port = 0
            var apiKey: String? = null
            var keepAliveMs: Long? = null
            var tokenDelayMs = 0L
            var i = 0
            while (i < args.size) {
                val name = args[i]
                if (name == "--help" || name == "-h") throw IllegalArgumentException("LocalLlamaCloud: a local Chat API server")
                // Both "--port 8080" and "--port=8080".
                val (flag, inline) = name.split('=', limit = 2).let { it[0] to it.getOrNull(1) }
                val value = inline ?: args.getOrNull(++i) ?: throw IllegalArgumentException("$flag needs a value")
                when (flag) {
                    "--port" -> port = value.toIntOrNull()?.takeIf { it in 0..65535 }
                        ?: throw IllegalArgumentException("--port must be a number in 0..65535, was '$value'")
                    "--api-key" -> apiKey = value.takeIf { it.isNotEmpty() }
                    "--keep-alive-ms" -> keepAliveMs = value.toLongOrNull()?.takeIf { it > 0 }
                        ?: throw IllegalArgumentException("--keep-alive-ms must be a positive number")
                    "--token-delay-ms" -> tokenDelayMs = value.toLongOrNull()?.takeIf { it >= 0 }
                        ?: throw IllegalArgumentException("--token-delay-ms must be a number >= 0")
                    else -> throw IllegalArgumentException("unknown option '$flag'")
                }
                i++
            }
            return MainOptions(port, apiKey, keepAliveMs, tokenDelayMs)
        }
    }
}
