// The one Lua script every Redis state change commits through. A unit of work (unit.ts) buffers its
// writes in Node and sends them here as one plan; Redis runs the script atomically, so no other
// node's unit interleaves with it. One call carries the plans of one or more units (commit-batch.ts),
// each checked and applied on its own, in order: a unit's preconditions — the version of every ticket
// it changes is still the one it read, idempotency keys are still free, and no agent's load goes past
// their capacity — are checked against the state the units before it in the call left, and a unit
// whose check fails applies nothing and is reported alone (the caller re-runs only that unit on fresh
// state); its neighbours still commit. A passing unit's writes are applied, each replay-log event
// getting the user's next seq in the same step as its XADD (which trims the user's stream to its
// retention). Finally the (user, seq) pairs appended are published so every node can push them to
// its live sockets.
//
// Plans travel as plain ARGV strings, not JSON: a document (a ticket, an event body) is one argument
// the script uses as it is, with no decoding (cjson) and no escaping of JSON inside JSON. Layout:
//   ARGV[1..4]: load hash, capacity hash, fan-out channel ('' = none), number of units
//   per unit:   #checks, #load entries, #ops, then the checks, the loads and the ops.
//   A check or op is its argument count n followed by n arguments (the first is its kind); a load
//   entry is two arguments (agentId, delta).
//   checks: ver key expected | nx key | hnx key field | heq key field value
//   loads:  summed per agent; a positive sum must stay ≤ the agent's capacity
//   ops:    hset key f v … | hdel key f … | sadd|srem key m | rpush key v … | zadd key score m
//           | hincr key f n | hsetnx key f v | hsetnx_rpush hkey f lkey v | setmax key n | zrem key m
//           | del key | pexpire key ms | expireidle key ms laneKey… (expire if every lane is empty,
//           else persist) | lanehead laneKey headsKey member hash fieldPrefix
//           | event seqKey userId streamKey name bodyAfterBrace at retain
//             (retain: keep about the user's last `retain` events, whole stream nodes at a time; '0' = all)
// Reply: one entry per unit — {1, seq…} committed (the seqs of its events, in order),
// {0, kind, key} a failed precondition, {-1, message} an error while applying (a Redis error such as
// WRONGTYPE; as with any script, what that unit wrote before the error stays).
export const COMMIT_SCRIPT = `
local A = ARGV
local lk, ck, pub = A[1], A[2], A[3]
local fan = {}

-- the first failed precondition of the checks at A[p..] (n of them), or nil
local function failed(p, n)
  for _ = 1, n do
    local argc, kind = tonumber(A[p]), A[p + 1]
    if kind == 'ver' then
      if (redis.call('HGET', A[p + 2], 'ver') or '0') ~= A[p + 3] then return {0, 'ver', A[p + 2]} end
    elseif kind == 'nx' then
      if redis.call('EXISTS', A[p + 2]) == 1 then return {0, 'nx', A[p + 2]} end
    elseif kind == 'hnx' then
      if redis.call('HEXISTS', A[p + 2], A[p + 3]) == 1 then return {0, 'hnx', A[p + 2] .. ' ' .. A[p + 3]} end
    elseif kind == 'heq' then
      if redis.call('HGET', A[p + 2], A[p + 3]) ~= A[p + 4] then return {0, 'heq', A[p + 2] .. ' ' .. A[p + 3]} end
    end
    p = p + argc + 1
  end
  return nil
end

-- the load entries at A[p..] (n pairs) summed per agent, or a capacity failure
local function loadsOf(p, n)
  local sums, agents = {}, {}
  for i = 0, n - 1 do
    local a, d = A[p + 2 * i], tonumber(A[p + 2 * i + 1])
    if sums[a] == nil then agents[#agents + 1] = a; sums[a] = 0 end
    sums[a] = sums[a] + d
  end
  for _, a in ipairs(agents) do
    local d = sums[a]
    if d > 0 then
      local cur = tonumber(redis.call('HGET', lk, a) or '0')
      local cap = tonumber(redis.call('HGET', ck, a) or '0')
      if cur + d > cap then return nil, {0, 'capacity', a} end
    end
  end
  return {sums = sums, agents = agents}
end

-- one op at A[p] (its argc), arguments A[p + 1 ..]: o(n) of the op = A[p + n]
local function apply(p, out)
  local argc, k = tonumber(A[p]), A[p + 1]
  local a1, a2, a3 = A[p + 2], A[p + 3], A[p + 4]
  if k == 'hset' then redis.call('HSET', a1, unpack(A, p + 3, p + argc))
  elseif k == 'hdel' then redis.call('HDEL', a1, unpack(A, p + 3, p + argc))
  elseif k == 'sadd' then redis.call('SADD', a1, a2)
  elseif k == 'srem' then redis.call('SREM', a1, a2)
  elseif k == 'rpush' then redis.call('RPUSH', a1, unpack(A, p + 3, p + argc))
  elseif k == 'zadd' then redis.call('ZADD', a1, a2, a3)
  elseif k == 'zrem' then redis.call('ZREM', a1, a2)
  elseif k == 'del' then redis.call('DEL', a1)
  elseif k == 'pexpire' then redis.call('PEXPIRE', a1, a2)
  elseif k == 'expireidle' then
    local idle = true
    for i = p + 4, p + argc do
      if redis.call('ZCARD', A[i]) > 0 then idle = false; break end
    end
    if idle then redis.call('PEXPIRE', a1, a2) else redis.call('PERSIST', a1) end
  elseif k == 'lanehead' then
    local head = redis.call('ZRANGE', a1, 0, 0)[1]
    if head then
      local d = redis.call('HGET', A[p + 5], A[p + 6] .. head)
      local at = (d and string.match(d, '"nextAt":(%-?%d+)')) or '0'
      redis.call('ZADD', a2, at, a3)
    else
      redis.call('ZREM', a2, a3)
    end
  elseif k == 'hincr' then redis.call('HINCRBY', a1, a2, a3)
  elseif k == 'hsetnx' then redis.call('HSETNX', a1, a2, a3)
  elseif k == 'hsetnx_rpush' then
    if redis.call('HSETNX', a1, a2, '1') == 1 then redis.call('RPUSH', a3, A[p + 5]) end
  elseif k == 'setmax' then
    local cur = tonumber(redis.call('GET', a1) or '0')
    if tonumber(a2) > cur then redis.call('SET', a1, a2) end
  elseif k == 'event' then
    local user, stream, body, retain = a2, a3, A[p + 6], A[p + 8]
    local seq = redis.call('HINCRBY', a1, user, 1)
    local payload
    if body == '}' then payload = '{"seq":' .. seq .. '}' else payload = '{"seq":' .. seq .. ',' .. body end
    if retain ~= '0' then
      redis.call('XADD', stream, 'MAXLEN', '~', retain, seq .. '-0', 'n', A[p + 5], 'p', payload, 'at', A[p + 7])
    else
      redis.call('XADD', stream, seq .. '-0', 'n', A[p + 5], 'p', payload, 'at', A[p + 7])
    end
    out[#out + 1] = seq
    fan[#fan + 1] = user .. ' ' .. seq
  end
  return p + argc + 1
end

local function applyUnit(p, nops, loads)
  for _, a in ipairs(loads.agents) do
    if loads.sums[a] ~= 0 then redis.call('HINCRBY', lk, a, loads.sums[a]) end
  end
  local out = {1}
  for _ = 1, nops do p = apply(p, out) end
  return out
end

-- the end of n items at A[p..] that each start with their argument count
local function skip(p, n)
  for _ = 1, n do p = p + tonumber(A[p]) + 1 end
  return p
end

local replies = {}
local p = 5
for u = 1, tonumber(A[4]) do
  local nc, nl, no = tonumber(A[p]), tonumber(A[p + 1]), tonumber(A[p + 2])
  local cp = p + 3
  local lp = skip(cp, nc)
  local op = lp + 2 * nl
  local nextUnit = skip(op, no)
  local reply = failed(cp, nc)
  if not reply then
    local loads, capacity = loadsOf(lp, nl)
    if not loads then
      reply = capacity
    else
      local ok, res = pcall(applyUnit, op, no, loads)
      if ok then reply = res
      else reply = {-1, type(res) == 'table' and (res.err or 'error') or tostring(res)} end
    end
  end
  replies[u] = reply
  p = nextUnit
end
if pub ~= '' and #fan > 0 then redis.call('PUBLISH', pub, table.concat(fan, ',')) end
return replies
`;
