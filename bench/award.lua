-- wrk script: POST a fresh coin (random UUID, random child) with the logger's session cookie.
-- Set by bench_award.py through environment variables: COOKIE, CHILDREN (comma separated ids).
local cookie = os.getenv("COOKIE") or ""
local children = {}
for id in string.gmatch(os.getenv("CHILDREN") or "1", "[^,]+") do
  children[#children + 1] = id
end

local function uuid4()
  local template = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
  return (string.gsub(template, "[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
  local child = children[math.random(1, #children)]
  local body = '{"id":"' .. uuid4() .. '","child_id":' .. child .. ',"reason":"helpen"}'
  return wrk.format("POST", wrk.path, {
    ["Content-Type"] = "application/json",
    ["Cookie"] = cookie,
  }, body)
end

