package dev.appserver.orchestrator.hostservices.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serial;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body into memory up to a limit. A body that declares (Content-Length) or
 * turns out to be larger fails with {@link BodyTooLargeException} as soon as that is known, and
 * the subscription is cancelled so the client stops reading and drops the connection; so a
 * hostile server can make the orchestrator hold at most {@code limit} bytes per call.
 *
 * <p>Used by one response; the client delivers signals serially, as Flow requires.
 */
final class CappedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

    /** The body is larger than the limit. */
    static final class BodyTooLargeException extends IOException {
        @Serial
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(long limit) {
            super("response body larger than " + limit + " bytes", null);
        }
    }

    private final long limit;
    private final OptionalLong declaredLength;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    CappedBodySubscriber(long limit, OptionalLong declaredLength) {
        this.limit = limit;
        this.declaredLength = declaredLength;
    }

    /** A handler that caps every response's body at {@code limit} bytes. */
    static HttpResponse.BodyHandler<byte[]> handler(long limit) {
        return info -> new CappedBodySubscriber(limit, info.headers().firstValueAsLong("content-length"));
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription newSubscription) {
        subscription = newSubscription;
        if (declaredLength.isPresent() && declaredLength.getAsLong() > limit) {
            fail();
            return;
        }
        subscription.request(Long.MAX_VALUE); // bounded by the limit check in onNext, not by demand
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            if ((long) received.size() + buffer.remaining() > limit) {
                fail();
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            received.writeBytes(chunk);
        }
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        body.complete(received.toByteArray());
    }

    private void fail() {
        subscription.cancel();
        body.completeExceptionally(new BodyTooLargeException(limit));
    }
}
