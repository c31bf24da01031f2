package dev.llamachat.samples.chat

/**
 * Ctrl-C for the chat: SIGINT calls [onInterrupt] instead of ending the JVM. Uses `sun.misc.Signal` (module
 * jdk.unsupported), which some runtimes lack or refuse (`-Xrs`); then Ctrl-C keeps its default meaning.
 */
internal object Interrupts {
    /** Installs the handler; false if this runtime does not allow it. */
    fun install(onInterrupt: () -> Unit): Boolean = try {
        sun.misc.Signal.handle(sun.misc.Signal("INT")) { onInterrupt() }
        true
    } catch (e: IllegalArgumentException) {
        false // the signal is reserved (-Xrs) or unknown on this OS
    } catch (e: LinkageError) {
        false // no sun.misc.Signal in this runtime
    }
}
