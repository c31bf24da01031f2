package dev.llamachat.testkit.internal

import java.util.Base64
import java.util.zip.CRC32

/**
 * Opaque page tokens: the listing's scope and the last listed session's [SortKey], with a checksum, in
 * base64url. A token is a position, not a snapshot, so a listing never repeats or skips a session while
 * nothing changes, and a session deleted meanwhile does not break it.
 */
internal object PageTokens {
    private const val VERSION = "p1"

    fun encode(scope: String, after: SortKey): String {
        val payload = "$VERSION|${scope.hashCode()}|${after.micros}|${after.id}"
        return Base64.getUrlEncoder().withoutPadding().encodeToString("$payload|${crc(payload)}".toByteArray())
    }

    /** The position [token] stands for, or null if it is not a token this server issued for [scope]. */
    fun decode(scope: String, token: String): SortKey? {
        val text = try {
            String(Base64.getUrlDecoder().decode(token), Charsets.UTF_8)
        } catch (_: IllegalArgumentException) {
            return null
        }
        val parts = text.split('|')
        if (parts.size != 5 || parts[0] != VERSION) return null
        val payload = parts.subList(0, 4).joinToString("|")
        if (parts[4] != crc(payload) || parts[1] != scope.hashCode().toString()) return null
        val micros = parts[2].toLongOrNull() ?: return null
        return SortKey(micros, parts[3])
    }

    private fun crc(text: String): String = CRC32().apply { update(text.toByteArray()) }.value.toString(16)
}
