/**
 * The Lua scripts behind `redisStore`: each runs atomically in Redis, in one
 * round trip, and reads the time from Redis (`TIME`), so that the clocks of
 * the processes sharing it never matter. Times are milliseconds.
 *
 * Keys of one token (all in one hash slot, for Redis Cluster):
 * - `token`: a hash of the announced allowance (`tracking` on/off, `limit`,
 *   `remaining`, `reset`) and `blocked` (set by a per-token 429);
 * - `flight`: a sorted set of the requests in flight, scored by when their
 *   slot lapses should their process never release it;
 * - `room`: per room, the sliding log of posts, scored by end time (while in
 *   flight, by when the slot lapses);
 * - `blocked`: per room, set by a per-room 429, expiring with it.
 */
import { createHash } from 'node:crypto'

/** A script's source and SHA-1, for EVALSHA. */
export interface Script {
  source: string
  sha: string
}

function script(body: string): Script {
  const source = `local t = redis.call('TIME')\nlocal now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n${body.trim()}\n`
  return { source, sha: createHash('sha1').update(source).digest('hex') }
}

/**
 * KEYS: token, flight, room, blocked. ARGV: ticket, has room (0/1), spends
 * the room's budget (0/1), room limit, room window, in-flight lapse.
 * Returns {1, 0, 0} for a grant, else {0, token wait (-1: until an answer in
 * flight), room wait}.
 */
export const ACQUIRE = script(`
local ticket, hasRoom, spends = ARGV[1], ARGV[2] == '1', ARGV[3] == '1'
local limit, window, lapse = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local inflight = redis.call('ZCARD', KEYS[2])
local state = redis.call('HMGET', KEYS[1], 'tracking', 'limit', 'remaining', 'reset', 'blocked')
local tracking, remaining, reset, blocked = state[1], tonumber(state[3]) or 0, tonumber(state[4]), tonumber(state[5]) or 0
local tokenWait = 0
if blocked > now then
  tokenWait = blocked - now
elseif tracking == 'on' then
  if reset and now >= reset then
    -- a fresh window, of which the requests still in flight may take their share
    remaining = (tonumber(state[2]) or 0) - inflight
    reset = nil
    redis.call('HSET', KEYS[1], 'remaining', remaining)
    redis.call('HDEL', KEYS[1], 'reset')
  end
  if remaining <= 0 then tokenWait = reset and (reset - now) or -1 end
elseif tracking ~= 'off' and inflight > 0 then
  -- allowance unknown: the one request in flight is the probe
  tokenWait = -1
end
local roomWait = 0
if hasRoom then
  local blockedUntil = tonumber(redis.call('GET', KEYS[4]) or '0') or 0
  if blockedUntil > now then roomWait = blockedUntil - now end
  if spends then
    redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - window)
    local posts = redis.call('ZCARD', KEYS[3])
    if posts >= limit then
      -- a slot frees a window after the post holding it ended; posts in flight free no earlier than a window from now
      local held = redis.call('ZRANGE', KEYS[3], posts - limit, posts - limit, 'WITHSCORES')[2]
      local ends = held and math.min(tonumber(held), now) or now
      roomWait = math.max(roomWait, ends + window - now)
    end
  end
end
if tokenWait ~= 0 or roomWait ~= 0 then return {0, tokenWait, roomWait} end
redis.call('ZADD', KEYS[2], now + lapse, ticket)
redis.call('PEXPIRE', KEYS[2], lapse)
if tracking == 'on' then redis.call('HINCRBY', KEYS[1], 'remaining', -1) end
if hasRoom and spends then
  redis.call('ZADD', KEYS[3], now + lapse, ticket)
  redis.call('PEXPIRE', KEYS[3], lapse + window)
end
return {1, 0, 0}
`)

/**
 * KEYS: token, flight, room. ARGV: ticket, answered (0/1), had headers
 * (0/1), limit, remaining, reset, state lapse, has room (0/1). Records what
 * the answer said, then frees the request's slot; its post now ends.
 */
export const RELEASE = script(`
local ticket, lapse = ARGV[1], tonumber(ARGV[7])
if ARGV[2] == '1' then
  local tracking = redis.call('HGET', KEYS[1], 'tracking')
  if ARGV[3] == '0' then
    if not tracking then
      redis.call('HSET', KEYS[1], 'tracking', 'off')
      redis.call('PEXPIRE', KEYS[1], lapse)
    end
  else
    local seenLimit, seenRemaining, seenReset = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
    local reset = tonumber(redis.call('HGET', KEYS[1], 'reset'))
    if tracking ~= 'on' or not reset or seenReset > reset then
      -- the other requests in flight were most likely counted after this one, in the same window
      redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
      local others = redis.call('ZCARD', KEYS[2]) - (redis.call('ZSCORE', KEYS[2], ticket) and 1 or 0)
      redis.call('HSET', KEYS[1], 'tracking', 'on', 'limit', seenLimit, 'reset', seenReset, 'remaining', seenRemaining - others)
      reset = seenReset
    elseif seenReset == reset then
      -- answers arrive out of order: the lowest count of a window is the freshest
      local remaining = tonumber(redis.call('HGET', KEYS[1], 'remaining')) or seenRemaining
      if seenRemaining < remaining then redis.call('HSET', KEYS[1], 'remaining', seenRemaining) end
    end
    local blocked = tonumber(redis.call('HGET', KEYS[1], 'blocked')) or 0
    redis.call('PEXPIREAT', KEYS[1], math.max(reset, blocked, now) + lapse)
  end
end
redis.call('ZREM', KEYS[2], ticket)
if ARGV[8] == '1' then redis.call('ZADD', KEYS[3], 'XX', now, ticket) end
return 1
`)

/**
 * KEYS: token, flight, room. ARGV: ticket, has room (0/1). Undoes a grant
 * whose answer came too late to be used (nothing was sent); does nothing if
 * the grant never happened.
 */
export const CANCEL = script(`
if redis.call('ZREM', KEYS[2], ARGV[1]) == 1 and redis.call('HGET', KEYS[1], 'tracking') == 'on' then
  redis.call('HINCRBY', KEYS[1], 'remaining', 1)
end
if ARGV[2] == '1' then redis.call('ZREM', KEYS[3], ARGV[1]) end
return 1
`)

/**
 * KEYS: token. ARGV: reset ('' if none), Retry-After ('' if none), fallback
 * wait, state lapse. Holds the token until then; returns the wait from now.
 */
export const BLOCK_TOKEN = script(`
local untilMs = tonumber(ARGV[1]) or 0
if ARGV[2] ~= '' then untilMs = math.max(untilMs, now + tonumber(ARGV[2])) end
if untilMs <= now then untilMs = now + tonumber(ARGV[3]) end
local blocked = math.max(tonumber(redis.call('HGET', KEYS[1], 'blocked')) or 0, untilMs)
local ttl = redis.call('PTTL', KEYS[1])
redis.call('HSET', KEYS[1], 'blocked', blocked)
local expireAt = blocked + tonumber(ARGV[4])
if ttl > 0 then expireAt = math.max(expireAt, now + ttl) end
redis.call('PEXPIREAT', KEYS[1], expireAt)
return blocked - now
`)

/** KEYS: the room's blocked key. ARGV: window. Holds the room's posts for a window; returns it. */
export const BLOCK_ROOM = script(`
redis.call('SET', KEYS[1], now + tonumber(ARGV[1]), 'PX', ARGV[1])
return tonumber(ARGV[1])
`)

/** No keys: answers 1, to learn whether Redis is back during an outage. */
export const PING = script(`
return 1
`)
