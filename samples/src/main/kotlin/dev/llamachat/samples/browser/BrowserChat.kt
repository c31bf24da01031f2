package dev.llamachat.samples.browser

import dev.llamachat.samples.SampleClient

/**
 * A chat in the browser, served by this JVM: `mvn -B -pl samples -am compile exec:java@browser`, then open the URL
 * it prints. The page sends a question and shows the answer as it streams (thinking dimmed, tool calls on their own
 * lines, usage at the end); Stop, or closing the tab, ends the turn upstream too.
 *
 * Talks to the real service when `LLAMA_CLOUD_API_KEY` is set, otherwise to a local one (see [SampleClient]).
 * `PORT` picks the port (default 8080; 0 for any free one).
 */
public object BrowserChat {
    /** Serves the page until the process is stopped (Ctrl-C). */
    @JvmStatic
    public fun main(args: Array<String>) {
        val client = SampleClient.open()
        val port = System.getenv("PORT")?.toIntOrNull() ?: DEFAULT_PORT
        val server = BrowserChatServer(client.chat, client.indexId)
        val url = server.start(port = port)
        Runtime.getRuntime().addShutdownHook(Thread {
            server.stop()
            client.close()
        })
        println("Browser chat at $url (Ctrl-C stops it)")
        Thread.currentThread().join()
    }

    private const val DEFAULT_PORT = 8080
}
