package dev.llamachat.samples.chat

/** What the chat's exit status tells a script or a shell (values from BSD's sysexits.h, where one fits). */
internal object ExitStatus {
    /** Ended by `/quit`, Ctrl-D or the end of input. */
    const val OK: Int = 0

    /** The service could not be reached, or refused to start a session (for example a wrong API key). */
    const val UNAVAILABLE: Int = 69

    /** The environment's settings are invalid (for example `LLAMA_CLOUD_BASE_URL`); nothing was sent. */
    const val CONFIG: Int = 78

    /** Ctrl-C when there is no prompt to clear (piped input), by shell convention (128 + SIGINT). */
    const val INTERRUPTED: Int = 130
}
