// The bootstraps sfdbg ships for local Lambda functions, one per language, kept as Swift string
// constants so that a fresh clone and an installed binary both have them (written to a temporary
// folder when the first function runs).
enum FunctionBootstrap {
  static let python = #"""
# sfdbg's Lambda bootstrap for Python: runs invocations the way the Lambda Python runtime
# (awslambdaric) does, in a process kept warm between invocations (as Lambda keeps an execution
# environment): module state and /tmp survive, the handler is imported once.
# Requests come one a line on stdin: {"requestId", "deadlineMs", "arn", "event", "resultFile"}.
# The result file gets "S" + the response payload, or "E" + the error document
# {"errorMessage", "errorType", "requestId", "stackTrace"} (awslambdaric's make_error; the
# Lambda guide's "AWS Lambda function errors in Python" shows the same document). After each
# invocation a marker line on stdout tells sfdbg where its output ends.
import importlib, json, os, sys, time, traceback

requests = os.fdopen(os.dup(0), "r", encoding="utf-8")
sys.stdin = open(os.devnull, "r")
sys.argv = sys.argv[:1]


class Fault(Exception):
    def __init__(self, error_type, message):
        self.error_type, self.message = error_type, message


class LambdaContext:
    def __init__(self, request_id, deadline_ms, invoked_arn):
        env = os.environ
        self.function_name = env.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = env.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_arn
        self.memory_limit_in_mb = env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.aws_request_id = request_id
        self.log_group_name = env.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = env.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.identity = None
        self.client_context = None
        self.tenant_id = None
        self._deadline_ms = int(deadline_ms)

    def get_remaining_time_in_millis(self):
        return max(0, self._deadline_ms - int(time.time() * 1000))


def load_handler(spec):
    try:
        modname, fname = spec.rsplit(".", 1)
    except ValueError:
        raise Fault("Runtime.MalformedHandlerName", "Bad handler '%s': not enough values to unpack (expected 2, got 1)" % spec)
    modname = modname.replace("/", ".")
    try:
        module = importlib.import_module(modname)
    except ImportError as e:
        raise Fault("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (modname, e))
    except SyntaxError as e:
        raise Fault("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (modname, e))
    try:
        return getattr(module, fname)
    except AttributeError:
        raise Fault("Runtime.HandlerNotFound", "Handler '%s' missing on module '%s'" % (fname, modname))


def user_frames(tb):
    # Like awslambdaric: the frames from the handler on, not the bootstrap's own.
    frames = traceback.extract_tb(tb)
    here = os.path.abspath(__file__)
    while frames and os.path.abspath(frames[0].filename) == here:
        frames = frames[1:]
    return traceback.format_list(frames)


def make_error(message, error_type, stack_trace, request_id):
    return json.dumps({"errorMessage": message or "", "errorType": error_type or "",
                       "requestId": request_id, "stackTrace": stack_trace or []})


handler = None
init_error = None


def invoke(request):
    global handler, init_error
    request_id = request["requestId"]
    if handler is None and init_error is None:
        try:
            handler = load_handler(os.environ["_HANDLER"])
        except Fault as f:
            init_error = (f.message, f.error_type, [])
        except Exception:
            etype, value, tb = sys.exc_info()
            init_error = (str(value), etype.__name__, user_frames(tb))
    if init_error is not None:
        print("[ERROR] %s: %s" % (init_error[1], init_error[0]), file=sys.stderr)
        return "E", make_error(init_error[0], init_error[1], init_error[2], request_id)
    try:
        result = handler(request["event"], LambdaContext(request_id, request["deadlineMs"], request["arn"]))
    except Exception:
        etype, value, tb = sys.exc_info()
        # The runtime logs the error too ([ERROR] line), as CloudWatch shows it.
        print("[ERROR] %s: %s" % (etype.__name__, value), file=sys.stderr)
        return "E", make_error(str(value), etype.__name__, user_frames(tb), request_id)
    try:
        return "S", json.dumps(result)
    except Exception as e:
        return "E", make_error("Unable to marshal response: %s" % e, "Runtime.MarshalError", [], request_id)


def main():
    task_root = os.environ.get("LAMBDA_TASK_ROOT", ".")
    os.chdir(task_root)
    sys.path.insert(0, task_root)
    for line in requests:
        request = json.loads(line)
        kind, text = invoke(request)
        sys.stdout.flush()
        sys.stderr.flush()
        with open(request["resultFile"], "w", encoding="utf-8") as f:
            f.write(kind + text)
        os.write(1, ("\0sfdbg-end " + request["requestId"] + "\0\n").encode())


main()
"""#

  static let node = #"""
// sfdbg's Lambda bootstrap for Node.js: runs one invocation the way the Lambda Node.js runtime
// (aws-lambda-nodejs-runtime-interface-client) does. argv: RESULT_FILE REQUEST_ID DEADLINE_MS
// INVOKED_ARN; the event is on stdin. The result file gets "S" + the response payload, or
// "E" + the error document {"errorType", "errorMessage", "trace"} (the runtime's
// Errors.toRapidResponse; the Lambda guide's "AWS Lambda function errors in Node.js" shows it).
'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');
const [resultFile, requestId, deadlineMs, invokedArn] = process.argv.slice(2);
process.argv.splice(2);
let finished = false;

function write(kind, text) {
  fs.writeFileSync(resultFile, kind + text);
}

function toRapidResponse(error) {
  try {
    if (util.types.isNativeError(error) || (error && typeof error.name === 'string' && typeof error.message === 'string' && typeof error.stack === 'string')) {
      return { errorType: error.name, errorMessage: error.message, trace: error.stack.split('\n') };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch (_) {
    return { errorType: 'handled', errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack' };
  }
}

function fail(error, exit) {
  if (finished) return;
  finished = true;
  const doc = toRapidResponse(error);
  // Like the runtime: the error is logged as an ERROR line too.
  process.stdout.write(`${new Date().toISOString()}\t${requestId}\tERROR\tInvoke Error \t${JSON.stringify(doc)}\n`);
  write('E', JSON.stringify(doc));
  if (exit) process.exit(0);
}

function succeed(result, exit) {
  if (finished) return;
  finished = true;
  let payload;
  try {
    payload = JSON.stringify(result === undefined ? null : result);
  } catch (e) {
    write('E', JSON.stringify({ errorType: 'Runtime.UnmarshalError', errorMessage: `Unable to stringify response body as json: ${e.message}`, trace: [] }));
    if (exit) process.exit(0);
    return;
  }
  write('S', payload);
  if (exit) process.exit(0);
}

// console.* lines as the runtime writes them: timestamp, request id, level, message.
for (const [method, level] of [['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARN'], ['error', 'ERROR'], ['debug', 'DEBUG'], ['trace', 'TRACE']]) {
  console[method] = (...args) => {
    process.stdout.write(`${new Date().toISOString()}\t${requestId}\t${level}\t${util.format(...args).replace(/\n/g, '\r')}\n`);
  };
}

class LambdaError extends Error {
  constructor(name, message) { super(message); this.name = name; }
}

async function loadHandler(spec) {
  const root = process.env.LAMBDA_TASK_ROOT;
  const dot = spec.lastIndexOf('.');
  if (dot < 0) throw new LambdaError('Runtime.MalformedHandlerName', 'Bad handler');
  const modulePath = spec.slice(0, dot);
  const names = spec.slice(dot + 1).split('.');
  const base = path.resolve(root, modulePath);
  let module;
  let pkgType;
  try { pkgType = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).type; } catch (_) {}
  const file = ['.js', '.mjs', '.cjs'].map((e) => base + e).find((f) => fs.existsSync(f));
  if (!file) {
    throw new LambdaError('Runtime.ImportModuleError', `Error: Cannot find module '${path.basename(modulePath)}'`);
  }
  if (file.endsWith('.mjs') || (file.endsWith('.js') && pkgType === 'module')) {
    module = await import(require('url').pathToFileURL(file).href);
  } else {
    try {
      module = require(file);
    } catch (e) {
      if (e instanceof SyntaxError) throw new LambdaError('Runtime.UserCodeSyntaxError', `${e.name}: ${e.message}`);
      throw e;
    }
  }
  let handler = module;
  for (const n of names) handler = handler == null ? undefined : handler[n];
  if (typeof handler !== 'function') {
    throw new LambdaError('Runtime.HandlerNotFound', `${path.basename(modulePath)}.${names.join('.')} is undefined or not exported`);
  }
  return handler;
}

async function main() {
  process.chdir(process.env.LAMBDA_TASK_ROOT);
  const event = JSON.parse(fs.readFileSync(0, 'utf8') || 'null');
  let handler;
  try {
    handler = await loadHandler(process.env._HANDLER);
  } catch (e) {
    fail(e, true);
    return;
  }
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: invokedArn,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: requestId,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => Math.max(0, Number(deadlineMs) - Date.now()),
    succeed: (r) => succeed(r, true),
    fail: (e) => fail(e, true),
    done: (e, r) => (e ? fail(e, true) : succeed(r, true)),
  };
  // A callback handler ends when the event loop is empty (callbackWaitsForEmptyEventLoop), or
  // at once when the function set it to false.
  const callback = (err, result) => {
    const exit = !context.callbackWaitsForEmptyEventLoop;
    if (err !== undefined && err !== null) fail(err, exit); else succeed(result, exit);
  };
  process.on('beforeExit', () => succeed(null, true));
  let returned;
  try {
    returned = handler(event, context, callback);
  } catch (e) {
    fail(e, true);
    return;
  }
  if (returned && typeof returned.then === 'function') {
    returned.then((r) => succeed(r, true), (e) => fail(e, true));
  }
}

process.on('uncaughtException', (e) => fail(e, true));
process.on('unhandledRejection', (reason) => {
  const e = new LambdaError('Runtime.UnhandledPromiseRejection', `${reason && reason.name ? reason.name + ': ' : ''}${reason && reason.message !== undefined ? reason.message : reason}`);
  fail(e, true);
});
main();
"""#
}
