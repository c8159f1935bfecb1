package dev.nori.gateway.ratelimit;

/**
 * The answer of a bucket to one request.
 *
 * @param allowed whether the request may go on
 * @param limit the bucket's capacity
 * @param remaining tokens left after this request
 * @param resetSeconds seconds until the bucket is full again
 * @param retryAfterSeconds seconds until the next token, when refused
 */
record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {
}
