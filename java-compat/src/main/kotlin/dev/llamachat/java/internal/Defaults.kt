package dev.llamachat.java.internal

import dev.llamachat.java.CreateSessionParams
import dev.llamachat.java.ListParams
import dev.llamachat.java.RequestScope

/** The parameter objects the no-argument overloads use: every value unset. */
internal object Defaults {
    val DEFAULT_LIST: ListParams = ListParams.builder().build()
    val DEFAULT_CREATE: CreateSessionParams = CreateSessionParams.builder().build()
    val DEFAULT_SCOPE: RequestScope = RequestScope.builder().build()
}
