-- One token bucket, refilled continuously, checked and charged in one atomic step.
-- KEYS[1] bucket key; ARGV[1] capacity; ARGV[2] tokens added per second;
-- ARGV[3] how many tokens to take at most (a lease; 1 for a single request).
-- Returns {tokens taken, tokens left, seconds until full, seconds until one token}.
local key = KEYS[1]
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local wanted = tonumber(ARGV[3]) or 1
local time = redis.call('TIME')
local now = tonumber(time[1]) + tonumber(time[2]) / 1000000
local state = redis.call('HMGET', key, 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local taken = math.min(wanted, math.floor(tokens))
tokens = tokens - taken
redis.call('HSET', key, 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('EXPIRE', key, math.ceil(capacity / rate) + 1)
local retry = 0
if taken == 0 then
  retry = math.ceil((1 - tokens) / rate)
end
return {taken, math.floor(tokens), math.ceil((capacity - tokens) / rate), retry}
