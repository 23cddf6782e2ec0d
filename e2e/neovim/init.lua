-- Neovim (0.7.2 API: vim.lsp.start_client + buf_attach_client) end-to-end check of the cimlang
-- language server: open a .cim file whose mapping overflows its chip, receive the overflow error,
-- raise 'tiles 1' to 'tiles 64', and see the error clear. Run by run.sh, which sets:
--   CIM_E2E_JAR     the language server jar
--   CIM_E2E_RESULT  where to write the report (one line per step)
--   CIM_E2E_TIMEOUT_MS  bound on each wait (default 60000)
-- Exits 0 when every step passed, 1 otherwise.

local jar = assert(os.getenv('CIM_E2E_JAR'), 'CIM_E2E_JAR is not set')
local result_file = assert(os.getenv('CIM_E2E_RESULT'), 'CIM_E2E_RESULT is not set')
local timeout_ms = tonumber(os.getenv('CIM_E2E_TIMEOUT_MS') or '60000')

local start = vim.loop.hrtime()
local function elapsed_ms()
  return (vim.loop.hrtime() - start) / 1e6
end

local report = {}
local function note(text)
  table.insert(report, string.format('%8.0f ms  %s', elapsed_ms(), text))
end

local state = {
  client_id = nil,
  exited = nil,          -- {code, signal} once the server process ended
  messages = 0,          -- textDocument/publishDiagnostics messages received for the file
  last = nil,            -- the diagnostics of the last message
}

-- Counting messages, not diagnostics: a clean file gets an empty list, which polling for
-- "> 0 diagnostics" could not tell from "nothing sent yet".
local function on_publish(err, result, ctx, config)
  if result and result.uri and result.uri:match('overflow%.cim$') then
    state.messages = state.messages + 1
    state.last = result.diagnostics
    local parts = {}
    for _, d in ipairs(result.diagnostics) do
      table.insert(parts, string.format('%d:%d sev%d %s', d.range.start.line + 1, d.range.start.character + 1,
        d.severity or 0, d.code or '-'))
    end
    note(string.format('publishDiagnostics #%d: %d diagnostics [%s]', state.messages, #result.diagnostics,
      table.concat(parts, ', ')))
  end
  return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
end

vim.cmd('autocmd BufRead,BufNewFile *.cim setfiletype cim')

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'cim',
  callback = function(args)
    if not state.client_id then
      local root = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ':p:h')
      note('starting java -jar ' .. jar .. ' in ' .. root)
      state.client_id = vim.lsp.start_client({
        name = 'cim',
        cmd = { 'java', '-XX:+UseSerialGC', '-Xss4m', '-jar', jar },
        root_dir = root,
        workspace_folders = { { uri = vim.uri_from_fname(root), name = 'e2e' } },
        handlers = { ['textDocument/publishDiagnostics'] = on_publish },
        on_init = function() note('initialized') end,
        -- without this a server that dies at start-up would make every wait run to its timeout
        on_exit = function(code, signal)
          state.exited = { code, signal }
          note(string.format('server exited: code %s signal %s', tostring(code), tostring(signal)))
        end,
      })
      if not state.client_id then
        note('FAIL: vim.lsp.start_client returned nil')
      end
    end
    if state.client_id then
      vim.lsp.buf_attach_client(args.buf, state.client_id)
    end
  end,
})

local function errors_of(diags)
  local out = {}
  for _, d in ipairs(diags or {}) do
    if d.severity == 1 then
      table.insert(out, d)
    end
  end
  return out
end

local function finish(ok)
  note(ok and 'PASS' or 'FAIL')
  local client = state.client_id and vim.lsp.get_client_by_id(state.client_id)
  if client and not state.exited then
    client.stop()
    vim.wait(5000, function() return state.exited ~= nil end, 50)
  end
  local f = assert(io.open(result_file, 'w'))
  f:write(table.concat(report, '\n'), '\n')
  f:close()
  if ok then
    vim.cmd('qa!')
  else
    vim.cmd('cquit 1')
  end
end

--- Waits (bounded) for cond; fails the run with `what` if the server exits or time runs out.
local function wait_for(what, cond)
  local ok = vim.wait(timeout_ms, function() return state.exited ~= nil or cond() end, 20)
  if state.exited then
    note('FAIL: the server exited while waiting for ' .. what .. ' (its stderr is in lsp.log)')
    return false
  end
  if not ok then
    note(string.format('FAIL: no %s within %d ms', what, timeout_ms))
    return false
  end
  return true
end

function Check()
  local buf = vim.api.nvim_get_current_buf()
  if vim.bo[buf].filetype ~= 'cim' or not state.client_id then
    note('FAIL: the .cim buffer has filetype "' .. vim.bo[buf].filetype .. '" and no client')
    return finish(false)
  end

  -- 1. the overflow error arrives on the mapping line, with the numbers of the fixture
  if not wait_for('overflow diagnostic', function()
        for _, d in ipairs(errors_of(state.last)) do
          if d.code == 'cim.capacity.overflow' then return true end
        end
        return false
      end) then
    return finish(false)
  end
  local overflow
  for _, d in ipairs(errors_of(state.last)) do
    if d.code == 'cim.capacity.overflow' then overflow = d end
  end
  local mapping_line = vim.fn.search('^mapping OnTiny', 'n') - 1
  local expected_text = 'Mlp needs 200 arrays; Tiny has 4 (196 too many)'
  if overflow.range.start.line ~= mapping_line or not overflow.message:find(expected_text, 1, true) then
    note(string.format('FAIL: overflow at line %d (expected %d): %s', overflow.range.start.line + 1, mapping_line + 1,
      overflow.message))
    return finish(false)
  end
  note(string.format('ok: overflow error at %d:%d after %d message(s): %s', overflow.range.start.line + 1,
    overflow.range.start.character + 1, state.messages, overflow.message))
  -- what the user sees: the diagnostic reached Neovim's diagnostic list
  local shown = vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.ERROR })
  if #shown == 0 then
    note('FAIL: the error is not in vim.diagnostic.get')
    return finish(false)
  end

  -- 2. raise the tiles: 64 tiles x 4 arrays = 256 >= 200
  local tiles_line = vim.fn.search([[^\s*tiles 1$]], 'n')
  if tiles_line == 0 then
    note("FAIL: no 'tiles 1' line in the fixture")
    return finish(false)
  end
  local before = state.messages
  local edit_at = elapsed_ms()
  vim.api.nvim_buf_set_lines(buf, tiles_line - 1, tiles_line, false, { '    tiles 64' })
  note("edited line " .. tiles_line .. ": 'tiles 1' -> 'tiles 64'")

  -- 3. a new message arrives with no error left
  if not wait_for('diagnostics without errors after the edit', function()
        return state.messages > before and #errors_of(state.last) == 0
      end) then
    return finish(false)
  end
  note(string.format('ok: errors cleared %.0f ms after the edit (message #%d, %d non-error diagnostics left)',
    elapsed_ms() - edit_at, state.messages, #state.last))
  vim.wait(300) -- let Neovim apply the handler's result
  if #vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.ERROR }) ~= 0 then
    note('FAIL: vim.diagnostic.get still lists errors')
    return finish(false)
  end
  note(string.format('ok: %d publishDiagnostics messages in all', state.messages))
  return finish(true)
end
