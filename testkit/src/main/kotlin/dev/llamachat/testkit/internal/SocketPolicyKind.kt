package dev.llamachat.testkit.internal

/** What a [dev.llamachat.testkit.SocketPolicy] does (here, not nested in it, so that Java does not see it). */
internal enum class SocketPolicyKind { KEEP_OPEN, DISCONNECT_AT_START, NO_RESPONSE, END_AFTER_EVENTS, DISCONNECT_AFTER_EVENTS, DISCONNECT_AFTER_BYTES, STALL_AFTER_EVENTS }
