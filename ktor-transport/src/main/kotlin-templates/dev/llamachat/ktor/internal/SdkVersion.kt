package dev.llamachat.ktor.internal

/**
 * This SDK's version. Maven writes it in: this file is a template, copied with `${...}` filtered into
 * `target/generated-sources/sdk-version` at `generate-sources` (see this module's pom.xml), so the version is a
 * constant in the bytecode instead of a resource read from the jar at the first request.
 */
internal const val SDK_VERSION: String = "${project.version}"
