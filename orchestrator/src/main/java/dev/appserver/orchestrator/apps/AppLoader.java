package dev.appserver.orchestrator.apps;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads an app from a directory or archive: reads its files, parses {@code plugin.json}, finds
 * and transpiles the main file and checks its imports. Nothing of the app runs here.
 *
 * <p>Thread-safe when its {@link Transpiler} is (as {@link TypeScriptTranspiler} is).
 */
public final class AppLoader {
    private final Transpiler transpiler;
    private final AppReader reader;

    public AppLoader(Transpiler transpiler) {
        this(transpiler, AppReadLimits.DEFAULT);
    }

    AppLoader(Transpiler transpiler, AppReadLimits limits) {
        this.transpiler = requireNonNull(transpiler, "transpiler is null");
        this.reader = new AppReader(requireNonNull(limits, "limits is null"));
    }

    /**
     * @param appPath a directory holding {@code plugin.json} and the main file, or a {@code .zip}
     *     or {@code .tgz} of one (a single top-level folder inside is stripped)
     * @throws AppLoadException naming {@code appPath} (or, once known, the app's name) and the problem
     */
    public LoadedApp load(Path appPath) throws AppLoadException {
        String app = appPath.toString();
        AppFiles files = reader.read(appPath);
        byte[] manifestJson = files.get("plugin.json")
                .orElseThrow(() -> new AppLoadException(app, "no plugin.json"));
        PluginManifest manifest = PluginManifestParser.parse(app, manifestJson);
        String displayName = manifest.name().filter(name -> !name.isBlank()).orElse(AppReader.baseName(appPath));
        String mainFile = mainFile(app, manifest, files);
        String source = decode(app, mainFile, files.get(mainFile).orElseThrow());
        String code = transpiler.transpile(displayName, mainFile, source);
        ImportAllowlist.check(displayName, mainFile, code);
        return new LoadedApp(displayName, manifest, mainFile, code, Sha256.hex(code.getBytes(StandardCharsets.UTF_8)), files);
    }

    /** {@code main} from {@code plugin.json} (without {@code ./}), else {@code index.js}, else {@code index.ts}. */
    private static String mainFile(String app, PluginManifest manifest, AppFiles files) throws AppLoadException {
        if (manifest.main().isPresent()) {
            String main = manifest.main().get();
            Optional<String> name;
            try {
                name = EntryNames.normalize(main);
            } catch (IllegalArgumentException e) {
                throw new AppLoadException(app, "plugin.json \"main\": " + e.getMessage());
            }
            if (name.isEmpty() || !files.contains(name.get())) {
                throw new AppLoadException(app, "main file '" + main + "' named in plugin.json does not exist");
            }
            return name.get();
        }
        for (String candidate : new String[] {"index.js", "index.ts"}) {
            if (files.contains(candidate)) {
                return candidate;
            }
        }
        throw new AppLoadException(app, "no main file: plugin.json has no \"main\" and there is no index.js or index.ts");
    }

    private static String decode(String app, String fileName, byte[] bytes) throws AppLoadException {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new AppLoadException(app, fileName + " is not valid UTF-8 text", e);
        }
    }
}
