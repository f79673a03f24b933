package dev.appserver.orchestrator.apps;

import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * Runs transpiled app code in a plain GraalJS context the way a worker would: as the body of a
 * function given {@code module}, {@code exports} and a {@code require} that returns a stub and
 * records the name asked for.
 */
final class CommonJsModule implements AutoCloseable {
    private static final String LOADER = """
            (function (code) {
              const module = { exports: {} };
              const required = [];
              const require = (name) => { required.push(name); return { stubFor: name }; };
              new Function('module', 'exports', 'require', code)(module, module.exports, require);
              return { exports: module.exports, required };
            })
            """;

    private final Context context = Context.newBuilder("js").build();
    private final Value loaded;

    CommonJsModule(String code) {
        loaded = context.eval("js", LOADER).execute(code);
    }

    Value exports() {
        return loaded.getMember("exports");
    }

    List<String> required() {
        Value required = loaded.getMember("required");
        List<String> names = new ArrayList<>();
        for (long i = 0; i < required.getArraySize(); i++) {
            names.add(required.getArrayElement(i).asString());
        }
        return names;
    }

    /**
     * Calls {@code path} (e.g. {@code default.processEvent}) on the exports with a JSON argument
     * and returns the result, awaited if it is a promise, as JSON.
     */
    String callWithJson(String path, String jsonArgument) {
        context.getBindings("js").putMember("__exports", exports());
        context.eval("js", "globalThis.__result = undefined; Promise.resolve(__exports." + path + "(" + jsonArgument
                + ")).then((value) => { globalThis.__result = JSON.stringify(value); });");
        // Promise jobs run when the previous eval returns, so the result is there now.
        return context.eval("js", "globalThis.__result").asString();
    }

    @Override
    public void close() {
        context.close();
    }
}
