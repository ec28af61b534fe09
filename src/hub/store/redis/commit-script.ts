// The one Lua script every Redis state change commits through. A unit of work (unit.ts) buffers its
// writes in Node and sends them here as one plan; Redis runs the script atomically, so the unit is
// all-or-nothing and no other node's unit interleaves with it. The script first checks the unit's
// preconditions — the version of every ticket it changes is still the one it read, idempotency keys
// are still free, and no agent's load goes past their capacity — and applies nothing if one fails
// (the caller re-runs the unit on fresh state). Then it applies the writes, assigning each replay-log
// event the user's next seq in the same step as the XADD (which trims the user's stream to its
// retention), and publishes the (user, seq) pairs it
// appended so every node can push them to its live sockets.
//
// Plan (JSON in ARGV[1]):
//   c: checks   ['ver', key, expected] | ['nx', key] | ['hnx', key, field] | ['heq', key, field, value]
//   l: loads    [agentId, delta]  (summed per agent; a positive sum must stay ≤ the agent's capacity)
//   o: ops      ['hset', key, f, v, …] | ['hdel', key, f, …] | ['sadd'|'srem', key, m] | ['rpush', key, v]
//               | ['zadd', key, score, m] | ['hincr', key, f, n] | ['hsetnx', key, f, v]
//               | ['hsetnx_rpush', hkey, f, lkey, v] | ['setmax', key, n] | ['zrem', key, m] | ['del', key]
//               | ['pexpire', key, ms] | ['expireidle', key, ms, laneKey…] (expire if every lane is empty, else persist)
//               | ['lanehead', laneKey, headsKey, member, hash, fieldPrefix]
//               | ['event', seqKey, userId, streamKey, name, bodyAfterBrace, at, retain]
//                 (retain: keep about the user's last `retain` events, whole stream nodes at a time; '0' = all)
//   lk, ck: the load and capacity hashes; pub: the fan-out channel (or '')
export const COMMIT_SCRIPT = `
local plan = cjson.decode(ARGV[1])
for _, c in ipairs(plan.c) do
  local kind = c[1]
  if kind == 'ver' then
    local v = redis.call('HGET', c[2], 'ver')
    if (v or '0') ~= c[3] then return {0, 'ver', c[2]} end
  elseif kind == 'nx' then
    if redis.call('EXISTS', c[2]) == 1 then return {0, 'nx', c[2]} end
  elseif kind == 'hnx' then
    if redis.call('HEXISTS', c[2], c[3]) == 1 then return {0, 'hnx', c[2] .. ' ' .. c[3]} end
  elseif kind == 'heq' then
    if redis.call('HGET', c[2], c[3]) ~= c[4] then return {0, 'heq', c[2] .. ' ' .. c[3]} end
  end
end
local loads = {}
local agents = {}
for _, l in ipairs(plan.l) do
  if loads[l[1]] == nil then agents[#agents + 1] = l[1]; loads[l[1]] = 0 end
  loads[l[1]] = loads[l[1]] + tonumber(l[2])
end
for _, a in ipairs(agents) do
  local d = loads[a]
  if d > 0 then
    local cur = tonumber(redis.call('HGET', plan.lk, a) or '0')
    local cap = tonumber(redis.call('HGET', plan.ck, a) or '0')
    if cur + d > cap then return {0, 'capacity', a} end
  end
end
for _, a in ipairs(agents) do
  if loads[a] ~= 0 then redis.call('HINCRBY', plan.lk, a, loads[a]) end
end
local out = {1}
local fan = {}
for _, o in ipairs(plan.o) do
  local k = o[1]
  if k == 'hset' then redis.call('HSET', o[2], unpack(o, 3))
  elseif k == 'hdel' then redis.call('HDEL', o[2], unpack(o, 3))
  elseif k == 'sadd' then redis.call('SADD', o[2], o[3])
  elseif k == 'srem' then redis.call('SREM', o[2], o[3])
  elseif k == 'rpush' then redis.call('RPUSH', o[2], o[3])
  elseif k == 'zadd' then redis.call('ZADD', o[2], o[3], o[4])
  elseif k == 'zrem' then redis.call('ZREM', o[2], o[3])
  elseif k == 'del' then redis.call('DEL', o[2])
  elseif k == 'pexpire' then redis.call('PEXPIRE', o[2], o[3])
  elseif k == 'expireidle' then
    local idle = true
    for i = 4, #o do
      if redis.call('ZCARD', o[i]) > 0 then idle = false; break end
    end
    if idle then redis.call('PEXPIRE', o[2], o[3]) else redis.call('PERSIST', o[2]) end
  elseif k == 'lanehead' then
    local head = redis.call('ZRANGE', o[2], 0, 0)[1]
    if head then
      local d = redis.call('HGET', o[5], o[6] .. head)
      local at = (d and string.match(d, '"nextAt":(%-?%d+)')) or '0'
      redis.call('ZADD', o[3], at, o[4])
    else
      redis.call('ZREM', o[3], o[4])
    end
  elseif k == 'hincr' then redis.call('HINCRBY', o[2], o[3], o[4])
  elseif k == 'hsetnx' then redis.call('HSETNX', o[2], o[3], o[4])
  elseif k == 'hsetnx_rpush' then
    if redis.call('HSETNX', o[2], o[3], '1') == 1 then redis.call('RPUSH', o[4], o[5]) end
  elseif k == 'setmax' then
    local cur = tonumber(redis.call('GET', o[2]) or '0')
    if tonumber(o[3]) > cur then redis.call('SET', o[2], o[3]) end
  elseif k == 'event' then
    local seq = redis.call('HINCRBY', o[2], o[3], 1)
    local payload
    if o[6] == '}' then payload = '{"seq":' .. seq .. '}' else payload = '{"seq":' .. seq .. ',' .. o[6] end
    if o[8] ~= '0' then
      redis.call('XADD', o[4], 'MAXLEN', '~', o[8], seq .. '-0', 'n', o[5], 'p', payload, 'at', o[7])
    else
      redis.call('XADD', o[4], seq .. '-0', 'n', o[5], 'p', payload, 'at', o[7])
    end
    out[#out + 1] = seq
    fan[#fan + 1] = o[3] .. ' ' .. seq
  end
end
if plan.pub ~= '' and #fan > 0 then redis.call('PUBLISH', plan.pub, table.concat(fan, ',')) end
return out
`;
