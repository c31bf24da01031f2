package dev.llamachat.java;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A loopback HTTP/1.1 server that records each request head and answers with scripted raw responses (then a
 * fallback), for what testkit cannot play: a proxy asking for credentials, a TLS server. Bodiless requests only.
 */
final class RawHttpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final String scheme;
    private final byte[] fallback;
    private final BlockingQueue<byte[]> script = new LinkedBlockingQueue<>();
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    /** A plain-HTTP server answering [fallback] once its script is used up. */
    RawHttpServer(byte[] fallback) throws IOException {
        this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), "http", fallback);
    }

    /** A server on [socket] (for example a TLS server socket) reached with [scheme]. */
    RawHttpServer(ServerSocket socket, String scheme, byte[] fallback) {
        this.socket = socket;
        this.scheme = scheme;
        this.fallback = fallback;
        Thread acceptor = new Thread(this::accept, "raw-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A whole response: status line, Content-Type, Content-Length, [extraHeaders] (each ending in CRLF), body. */
    static byte[] response(int status, String contentType, String body, String extraHeaders) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " Status\r\nContent-Type: " + contentType + "\r\nContent-Length: "
            + bytes.length + "\r\n" + extraHeaders + "\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
        return out.toByteArray();
    }

    String baseUrl() {
        return scheme + "://127.0.0.1:" + socket.getLocalPort();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Answers the next requests with [responses], in order. */
    void enqueue(byte[]... responses) {
        script.addAll(List.of(responses));
    }

    /** The request heads received so far, in arrival order (request line and headers, CRLF-separated). */
    List<String> requestHeads() {
        return List.copyOf(heads);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connections.add(connection);
                Thread worker = new Thread(() -> serve(connection), "raw-http-conn");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            String head;
            while ((head = readHead(in)) != null) {
                heads.add(head);
                byte[] answer = script.poll();
                connection.getOutputStream().write(answer != null ? answer : fallback);
                connection.getOutputStream().flush();
            }
        } catch (IOException ignored) {
            // The client went away or the server closed: nothing left to answer.
        }
    }

    /** The next request head without its final blank line, or null at the end of the connection. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                String text = head.toString(StandardCharsets.ISO_8859_1);
                return text.substring(0, text.length() - 4);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket connection : connections) connection.close();
    }
}
