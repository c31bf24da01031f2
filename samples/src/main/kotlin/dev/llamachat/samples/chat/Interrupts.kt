package dev.llamachat.samples.chat

/**
 * Ctrl-C for the chat: SIGINT calls [onInterrupt] instead of ending the JVM. Uses `sun.misc.Signal` (module
 * jdk.unsupported), which some runtimes lack or refuse (`-Xrs`); then Ctrl-C keeps its default meaning.
 */
internal object Interrupts {
    /**
     * Installs the handler; false if this runtime does not allow it, or if the chat was started with SIGINT ignored
     * (`nohup`, a background job of a script): the JVM then keeps it ignored, as that caller asked.
     */
    fun install(onInterrupt: () -> Unit): Boolean = try {
        sun.misc.Signal.handle(sun.misc.Signal("INT")) { onInterrupt() } != sun.misc.SignalHandler.SIG_IGN
    } catch (e: IllegalArgumentException) {
        false // the signal is reserved (-Xrs) or unknown on this OS
    } catch (e: LinkageError) {
        false // no sun.misc.Signal in this runtime
    }
}
