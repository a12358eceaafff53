-- wrk script for `make bench` (scripts/bench-scale): every request is a distinct valid
-- POST /v1/declarations. The jobseeker ids come from the file BENCH_HTTP_IDS (one a line); wrk
-- thread k of n posts ids k, k+n, k+2n… so no id is posted twice while the file lasts. Each
-- thread counts the answers by status; done() prints the totals on one line, which the bench reads.
local threads = {}

function setup(thread)
    thread:set("offset", #threads)
    table.insert(threads, thread)
end

function init(args)
    ids = {}
    for line in io.lines(os.getenv("BENCH_HTTP_IDS")) do
        ids[#ids + 1] = line
    end
    stride = tonumber(os.getenv("BENCH_HTTP_THREADS"))
    period = os.getenv("BENCH_HTTP_PERIOD")
    declared_at = os.getenv("BENCH_HTTP_DECLARED_AT")
    headers = {
        ["Authorization"] = "Bearer " .. os.getenv("BENCH_HTTP_TOKEN"),
        ["Content-Type"] = "application/json",
    }
    next_index = offset
    created, existed, failed = 0, 0, 0
end

function request()
    local id = ids[next_index % #ids + 1]
    next_index = next_index + stride
    local body = string.format(
        '{"jobseeker_id":"%s","period":"%s","declared_at":"%s","acts":[{"date":"%s","type":"candidature","label":"Candidature spontanée"}]}',
        id, period, declared_at, string.sub(declared_at, 1, 10))
    return wrk.format("POST", "/v1/declarations", headers, body)
end

function response(status, headers, body)
    if status == 201 then
        created = created + 1
    elseif status == 200 then
        existed = existed + 1
    else
        failed = failed + 1
    end
end

function done(summary, latency, requests)
    local totals = { created = 0, existed = 0, failed = 0 }
    for _, thread in ipairs(threads) do
        for key, _ in pairs(totals) do
            totals[key] = totals[key] + thread:get(key)
        end
    end
    io.write(string.format("declarations: created %d existed %d failed %d\n",
        totals.created, totals.existed, totals.failed))
end
