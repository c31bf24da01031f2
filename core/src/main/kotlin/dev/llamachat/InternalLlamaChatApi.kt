package dev.llamachat

/**
 * Marks declarations that are public only so that llamachat's own modules (transports, testkit, java-compat)
 * can share them. They may change in any release; applications should not use them.
 */
@RequiresOptIn(
    message = "This is an internal llamachat API shared between its modules; it may change without notice.",
    level = RequiresOptIn.Level.ERROR,
)
@Retention(AnnotationRetention.BINARY)
@Target(AnnotationTarget.CLASS, AnnotationTarget.FUNCTION, AnnotationTarget.PROPERTY, AnnotationTarget.CONSTRUCTOR)
public annotation class InternalLlamaChatApi
