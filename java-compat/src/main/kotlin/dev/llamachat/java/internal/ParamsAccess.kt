package dev.llamachat.java.internal

import dev.llamachat.java.CreateSessionParams
import dev.llamachat.java.ListParams
import dev.llamachat.java.RequestScope
import dev.llamachat.java.StreamParams
import dev.llamachat.java.TitleParams

// The parameter objects' Optionals as the nullable values core's ChatApi takes.

internal fun ListParams.pageSizeOrNull(): Int? = pageSize().let { if (it.isPresent) it.asInt else null }

internal fun ListParams.org(): String? = organizationId().orElse(null)

internal fun ListParams.project(): String? = projectId().orElse(null)

internal fun CreateSessionParams.org(): String? = organizationId().orElse(null)

internal fun CreateSessionParams.project(): String? = projectId().orElse(null)

internal fun RequestScope.org(): String? = organizationId().orElse(null)

internal fun RequestScope.project(): String? = projectId().orElse(null)

internal fun StreamParams.org(): String? = organizationId().orElse(null)

internal fun StreamParams.project(): String? = projectId().orElse(null)

internal fun TitleParams.org(): String? = organizationId().orElse(null)

internal fun TitleParams.project(): String? = projectId().orElse(null)
