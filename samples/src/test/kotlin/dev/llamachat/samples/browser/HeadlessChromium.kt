package dev.llamachat.samples.browser

import java.io.File
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.net.http.WebSocket
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.contentOrNull
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.put

/**
 * Debian's `chromium`, headless, driven through the DevTools protocol: a WebSocket (Java's own HttpClient) to one
 * page, commands as JSON with ids, answers matched by id. Only what the browser-chat test needs.
 */
internal class HeadlessChromium private constructor(
    private val process: Process,
    private val profile: Path,
    private val page: WebSocket,
    private val replies: ConcurrentHashMap<Int, CompletableFuture<JsonObject>>,
    private val closeUrl: URI,
) : AutoCloseable {
    private val ids = AtomicInteger()

    /** Sends a DevTools command and waits for its result; fails if the browser reports an error. */
    fun command(method: String, params: JsonObject = JsonObject(emptyMap())): JsonObject {
        val id = ids.incrementAndGet()
        val reply = CompletableFuture<JsonObject>()
        replies[id] = reply
        page.sendText(buildJsonObject { put("id", id); put("method", method); put("params", params) }.toString(), true).join()
        val answer = reply.get(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        answer["error"]?.let { error("$method failed: $it") }
        return answer.getValue("result").jsonObject
    }

    /** Evaluates [expression] in the page; its value, awaited if it is a promise. */
    fun evaluate(expression: String): JsonElement? {
        val result = command("Runtime.evaluate", buildJsonObject {
            put("expression", expression)
            put("returnByValue", true)
            put("awaitPromise", true)
        })
        result["exceptionDetails"]?.let { error("$expression threw: $it") }
        return result.getValue("result").jsonObject["value"]
    }

    /** [evaluate] for an expression whose value is a string (null when it is null or undefined). */
    fun evaluateString(expression: String): String? = evaluate(expression)?.jsonPrimitive?.contentOrNull

    /** Opens [url] and waits until its document has loaded. */
    fun navigate(url: String) {
        command("Page.navigate", buildJsonObject { put("url", url) })
        awaitTrue("document.readyState === 'complete' && location.href === ${JsonPrimitive(url)}")
    }

    /** Waits until [expression] is true in the page; fails with [describe]'s view of the page if it never is. */
    fun awaitTrue(expression: String, timeoutSeconds: Long = 30, describe: String = "document.body.innerText") {
        val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds)
        while (evaluate("Boolean($expression)")?.jsonPrimitive?.content != "true") {
            check(System.nanoTime() < deadline) { "the page never got to `$expression`; it shows:\n${evaluateString(describe)}" }
            Thread.sleep(POLL_MILLIS)
        }
    }

    /** A PNG of the page as it is now, written to [file]. */
    fun screenshot(file: Path) {
        val data = command("Page.captureScreenshot", buildJsonObject { put("format", "png") }).getValue("data").jsonPrimitive.content
        Files.createDirectories(file.parent)
        Files.write(file, java.util.Base64.getDecoder().decode(data))
    }

    /** Closes the page as a person closing the tab would: its connections go away with it. */
    fun closePage() {
        val response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(closeUrl).build(), HttpResponse.BodyHandlers.ofString())
        check(response.statusCode() == 200) { "closing the page failed: ${response.statusCode()} ${response.body()}" }
    }

    override fun close() {
        runCatching { page.abort() }
        process.descendants().forEach { it.destroyForcibly() }
        process.destroyForcibly()
        process.waitFor(30, TimeUnit.SECONDS)
        profile.toFile().deleteRecursively()
    }

    companion object {
        private const val COMMAND_TIMEOUT_SECONDS = 30L
        private const val POLL_MILLIS = 50L

        /** The Chromium binary: `CHROMIUM` if set, else the first of Debian's and others' names on the PATH. */
        fun binary(): File? {
            System.getenv("CHROMIUM")?.let { return File(it).takeIf(File::canExecute) }
            val names = listOf("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
            val path = System.getenv("PATH").orEmpty().split(File.pathSeparator)
            return names.firstNotNullOfOrNull { name -> path.map { File(it, name) }.firstOrNull(File::canExecute) }
        }

        /** Starts [binary] headless with a new, empty profile and connects to its one page. */
        fun launch(binary: File, width: Int = 1000, height: Int = 800): HeadlessChromium {
            val profile = Files.createTempDirectory("chromium-profile")
            val process = ProcessBuilder(
                binary.path, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=$profile", "--remote-debugging-port=0", "--window-size=$width,$height", "about:blank",
            ).redirectErrorStream(true).start()
            try {
                // Chromium says where DevTools listens on stderr: "DevTools listening on ws://127.0.0.1:<port>/...".
                val reader = process.inputStream.bufferedReader()
                var port: Int? = null
                while (port == null) {
                    val line = reader.readLine() ?: error("chromium exited before DevTools listened (status ${process.waitFor()})")
                    port = DEVTOOLS.find(line)?.groupValues?.get(1)?.toInt()
                }
                Thread { reader.lineSequence().forEach { _ -> } }.apply { isDaemon = true }.start() // keep its pipe drained
                val http = HttpClient.newHttpClient()
                val targets = http.send(HttpRequest.newBuilder(URI("http://127.0.0.1:$port/json/list")).build(), HttpResponse.BodyHandlers.ofString())
                val target = Json.parseToJsonElement(targets.body()).jsonArray.map { it.jsonObject }
                    .first { it["type"]?.jsonPrimitive?.content == "page" }
                val pageUrl = target.getValue("webSocketDebuggerUrl").jsonPrimitive.content
                val closeUrl = URI("http://127.0.0.1:$port/json/close/${target.getValue("id").jsonPrimitive.content}")
                val replies = ConcurrentHashMap<Int, CompletableFuture<JsonObject>>()
                val socket = http.newWebSocketBuilder().buildAsync(URI(pageUrl), Replies(replies)).join()
                return HeadlessChromium(process, profile, socket, replies, closeUrl)
            } catch (e: Throwable) {
                process.destroyForcibly()
                profile.toFile().deleteRecursively()
                throw e
            }
        }

        private val DEVTOOLS = Regex("""DevTools listening on ws://[^:]+:(\d+)/""")
    }

    /** Reassembles the page's messages (a long one comes in parts) and completes the command each one answers. */
    private class Replies(private val replies: ConcurrentHashMap<Int, CompletableFuture<JsonObject>>) : WebSocket.Listener {
        private val partial = StringBuilder()

        override fun onText(webSocket: WebSocket, data: CharSequence, last: Boolean): CompletionStage<*>? {
            partial.append(data)
            if (last) {
                val message = Json.parseToJsonElement(partial.toString()).jsonObject
                partial.setLength(0)
                message["id"]?.jsonPrimitive?.int?.let { replies.remove(it)?.complete(message) }
            }
            webSocket.request(1)
            return null
        }
    }
}
