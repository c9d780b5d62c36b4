package dev.guestbook.harness.terraform;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guestbook.harness.process.CommandResult;
import dev.guestbook.harness.text.Text;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a {@link TerraformReading} of a configuration, offline, with nothing but the {@code
 * terraform} binary and the AWS provider: a copy of the configuration is initialised, then two
 * {@code terraform test -json -verbose} runs of generated test files ({@link ReadingFiles}):
 *
 * <ol>
 *   <li>a plan with the real AWS provider, whose calls go to {@link PlanTimeAws} on 127.0.0.1
 *       (credentials checks off); every data source that would need AWS is given values shaped as
 *       AWS would answer ({@link MockValues}); and
 *   <li>an apply against Terraform's mocked AWS provider, so that the values only AWS would know
 *       exist, each managed instance given an identity in AWS's format (its ARN, {@code sg-…}).
 * </ol>
 *
 * Terraform evaluates everything — variables, locals, modules, {@code count}, {@code for_each},
 * functions, heredocs — and the reading takes its JSON. A configuration Terraform rejects fails in
 * one line naming the file and line Terraform reports.
 */
public final class OfflineReading {

  /** The certificate the reading "with a certificate" gives {@code var.certificate_arn}. */
  public static final Map<String, Object> WITH_CERTIFICATE =
      Map.of(
          "certificate_arn",
          "arn:aws:acm:us-east-1:"
              + PlanTimeAws.ACCOUNT
              + ":certificate/0a1b2c3d-1234-5678-9abc-0123456789ab");

  /** The run id the reading plans with: every name and RunId tag must carry it. */
  public static final String RUN_ID = "bdiread7";

  static final String IMAGE =
      PlanTimeAws.ACCOUNT
          + ".dkr.ecr.us-east-1.amazonaws.com/guestbook@sha256:"
          + "0123456789abcdef".repeat(4);

  /**
   * How often the plan is tried again with what its errors named: data sources in modules called
   * with {@code count}/{@code for_each}, required variables without a default.
   */
  private static final int ROUNDS = 6;

  private static final Logger LOG = LoggerFactory.getLogger(OfflineReading.class);

  private static final ObjectMapper JSON = TestOutput.JSON;

  private OfflineReading() {}

  /**
   * Reads the configuration in {@code dir}, working in {@code workDir}.
   *
   * @throws TerraformUnavailableException when the AWS provider cannot be installed
   * @throws TerraformConfigException when Terraform rejects the configuration (file:line first)
   */
  public static TerraformReading read(
      TerraformCli cli, Path dir, Path workDir, Optional<Path> pluginDir) {
    return read(cli, dir, workDir, pluginDir, TerraformCache.none());
  }

  /**
   * Reads the configuration in {@code dir}, or takes the reading {@code cache} kept of the very
   * same files, binary, provider and harness.
   */
  public static TerraformReading read(
      TerraformCli cli, Path dir, Path workDir, Optional<Path> pluginDir, TerraformCache cache) {
    return read(cli, dir, workDir, pluginDir, cache, Map.of());
  }

  /**
   * The reading with {@code given} variables set as well (e.g. a {@code certificate_arn}, to judge
   * what the configuration does once a certificate is given); kept under a key of its own.
   */
  public static TerraformReading read(
      TerraformCli cli,
      Path dir,
      Path workDir,
      Optional<Path> pluginDir,
      TerraformCache cache,
      Map<String, Object> given) {
    String kind =
        given.isEmpty()
            ? "reading"
            : "reading-with-" + MockValues.hex(new TreeMap<>(given).toString(), 8);
    String key = cache.key(kind, dir, cli.binary(), pluginDir);
    Optional<JsonNode> kept = cache.get(kind, key, dir).map(TestOutput::line);
    JsonNode made = kept.orElseGet(() -> readAnew(cli, dir, workDir, pluginDir, cache, given));
    if (kept.isEmpty()) {
      cache.put(kind, key, made.toString());
    }
    Map<String, String> modules = JSON.convertValue(made.path("modules"), STRINGS);
    return TerraformReading.of(
        dir,
        RUN_ID,
        made.path("plan"),
        made.path("state"),
        Locator.of(dir).withModules(modules),
        JSON.convertValue(made.path("looked_up"), STRINGS));
  }

  /**
   * Where in {@code workDir} the reading's copy of {@code dir} goes: a directory of the
   * configuration's own name, so that what Terraform derives from it ({@code basename(path.cwd)},
   * {@code abspath(path.root)}) is what the author's own run sees, not the harness's working
   * directory's name (a reading "-certificate" made {@code name = "ex-${basename(path.cwd)}"} too
   * long for a load balancer).
   */
  static Path copyIn(Path dir, Path workDir) {
    Path real;
    try {
      real = dir.toRealPath();
    } catch (IOException e) {
      real = dir.toAbsolutePath().normalize();
    }
    Path name = real.getFileName();
    return name == null ? workDir : workDir.resolve(name.toString());
  }

  private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};

  /**
   * The reading's two runs: {@code {plan, state, looked_up, modules}}, without the provider's
   * schemas that both carry (megabytes no rule reads: a kept reading is read in milliseconds).
   */
  private static JsonNode readAnew(
      TerraformCli cli,
      Path dir,
      Path workDir,
      Optional<Path> pluginDir,
      TerraformCache cache,
      Map<String, Object> givenVariables) {
    workDir = copyIn(dir, workDir);
    init(cli, dir, workDir, pluginDir);
    RootProviders providers = RootProviders.of(workDir);
    write(workDir.resolve(ReadingFiles.OVERRIDE), ReadingFiles.override(providers.aliases()));
    if (!providers.guards().isEmpty()) {
      LOG.info(
          "{}: the provider's account guards {} are lifted in the reading's copy: its account ({})"
              + " is made up, so they cannot hold; nothing is judged by them",
          dir,
          providers.guards(),
          PlanTimeAws.ACCOUNT);
    }
    ProviderSchema schema = schema(cli, workDir, pluginDir, cache);
    Map<String, String> modules = modules(workDir);
    Locator locator = Locator.of(dir).withModules(modules);
    List<String> dataAddresses =
        new ArrayList<>(
            locator.dataAddresses(modules).stream().filter(a -> !answeredOffline(a)).toList());
    Map<String, Object> variables = new TreeMap<>(Map.of("run_id", RUN_ID, "image", IMAGE));
    variables.putAll(givenVariables);
    Planned planned = plan(cli, dir, workDir, schema, dataAddresses, variables);
    if (!planned.given().isEmpty()) {
      LOG.info(
          "{}: required variables without a default were given made-up values: {}",
          dir,
          new TreeSet<>(planned.given().values()));
    }
    Map<String, Map<String, Object>> identities = identities(planned.plan(), schema);
    identities.putAll(planned.pinned());
    write(
        workDir.resolve(ReadingFiles.APPLY_FILE),
        ReadingFiles.applyFile(
            planned.data(), identities, variables, schema, planned.pinned().keySet()));
    Run apply = run(cli, dir, workDir, ReadingFiles.APPLY_FILE);
    if (apply.failure().isPresent()) {
      throw new TerraformConfigException(apply.failure().get());
    }
    JsonNode state = TestOutput.message(apply.output(), "test_state", ReadingFiles.APPLY_RUN);
    Map<String, String> lookedUp = lookedUp(planned.data());
    planned.given().forEach(lookedUp::putIfAbsent);
    return kept(planned.plan(), state, lookedUp, modules);
  }

  /** {@code terraform init} from the plugin mirror; a missing provider or a bad file stops here. */
  private static void init(TerraformCli cli, Path dir, Path workDir, Optional<Path> pluginDir) {
    CommandResult init = cli.initOffline(dir, workDir, pluginDir);
    if (TerraformCli.providerUnavailable(init)) {
      throw new TerraformUnavailableException(
          "the AWS provider could not be installed (no registry access; point"
              + " bdi.terraform.plugin-dir at a provider mirror): "
              + Text.lastLine(init.output()));
    }
    if (!init.ok()) {
      throw new TerraformConfigException(
          textError(init.output(), dir)
              .orElse(dir + ": terraform init failed: " + Text.oneLine(init.output(), 400)));
    }
  }

  /**
   * The plan, the looked-up values it was made with, the made-up values given to required variables
   * (value to {@code var.name}), and the instances given their identity while planning (what an
   * apply-time {@code for_each} or {@code count} depends on).
   */
  private record Planned(
      JsonNode plan,
      Map<String, Map<String, Object>> data,
      Map<String, String> given,
      Map<String, Map<String, Object>> pinned) {}

  /**
   * The plan run, in rounds: each failed round that names a data source read inside a counted
   * module, or a required variable without a default, adds it and plans again ({@link #ROUNDS} at
   * most); {@code variables} gains the made-up values.
   */
  private static Planned plan(
      TerraformCli cli,
      Path dir,
      Path workDir,
      ProviderSchema schema,
      List<String> dataAddresses,
      Map<String, Object> variables) {
    Map<String, String> given = new LinkedHashMap<>();
    Set<String> longLists = new LinkedHashSet<>();
    List<String> upstream = new ArrayList<>();
    Optional<JsonNode> upstreamPlan = Optional.empty();
    Map<String, Map<String, Object>> pinned = Map.of();
    for (int round = 0; ; round++) {
      Map<String, Map<String, Object>> data =
          ReadingFiles.dataValues(dataAddresses, schema, longLists);
      if (!upstream.isEmpty()) {
        write(
            workDir.resolve(ReadingFiles.UPSTREAM_FILE),
            ReadingFiles.upstreamFile(data, variables, upstream));
        Run first = run(cli, dir, workDir, ReadingFiles.UPSTREAM_FILE);
        if (first.failure().isPresent()) {
          throw new TerraformConfigException(
              first.failure().get()
                  + " (planning first "
                  + upstream
                  + ", on which a for_each or count known only after apply depends)");
        }
        upstreamPlan =
            Optional.of(TestOutput.message(first.output(), "test_plan", ReadingFiles.UPSTREAM_RUN));
        pinned = pinned(upstreamPlan.get(), schema);
      }
      write(
          workDir.resolve(ReadingFiles.PLAN_FILE), ReadingFiles.planFile(data, variables, pinned));
      Run run = run(cli, dir, workDir, ReadingFiles.PLAN_FILE);
      if (run.failure().isEmpty()) {
        JsonNode plan = TestOutput.message(run.output(), "test_plan", ReadingFiles.PLAN_RUN);
        return new Planned(
            upstreamPlan.map(u -> withUpstream(plan, u)).orElse(plan), data, given, pinned);
      }
      List<String> named = dataNamedIn(run.output(), dataAddresses);
      Map<String, Object> required = requiredVariablesNamedIn(run.output(), variables.keySet());
      List<String> indexed =
          indexedDataNamedIn(run.output(), dataAddresses).stream()
              .filter(a -> !longLists.contains(a))
              .toList();
      List<String> expansions =
          upstreamOfUnknownExpansions(run.output(), modules(workDir), workDir).stream()
              .filter(a -> !upstream.contains(a))
              .toList();
      if (named.isEmpty() && required.isEmpty() && indexed.isEmpty() && expansions.isEmpty()
          || round == ROUNDS) {
        throw new TerraformConfigException(run.failure().get());
      }
      if (!expansions.isEmpty()) {
        LOG.info(
            "{}: a for_each or count is known only after apply; {} are planned first and their"
                + " instances given ids in AWS's format while planning",
            dir,
            expansions);
      }
      if (!indexed.isEmpty()) {
        LOG.info(
            "{}: the configuration indexes more than two of what {} return: they answer {}",
            dir,
            indexed,
            MockValues.LONG_LIST);
      }
      dataAddresses.addAll(named);
      longLists.addAll(indexed);
      upstream.addAll(expansions);
      required.forEach(
          (variable, value) -> {
            variables.put(variable, value);
            Values.list(value).forEach(v -> given.put(String.valueOf(v), "var." + variable));
          });
    }
  }

  /**
   * The plan, each instance the upstream plan made taken from it: the provider's own values for
   * what was given an identity while planning (in the full plan the provider did not plan it).
   */
  static JsonNode withUpstream(JsonNode plan, JsonNode upstream) {
    Map<String, JsonNode> first = new LinkedHashMap<>();
    for (JsonNode change : upstream.path("resource_changes")) {
      if ("managed".equals(change.path("mode").asText())) {
        first.put(change.path("address").asText(), change);
      }
    }
    ObjectNode merged = plan.deepCopy();
    com.fasterxml.jackson.databind.node.ArrayNode changes = merged.putArray("resource_changes");
    for (JsonNode change : plan.path("resource_changes")) {
      changes.add(first.getOrDefault(change.path("address").asText(), change));
    }
    return merged;
  }

  /**
   * The identity, while planning, of every managed instance of the upstream plan: the table's
   * values for what the provider did not know, and for every other unknown string a value derived
   * from the address (eight hex characters, like Terraform's own mock, but the same in both runs).
   */
  static Map<String, Map<String, Object>> pinned(JsonNode upstream, ProviderSchema schema) {
    Map<String, Map<String, Object>> out = identities(upstream, schema);
    for (JsonNode change : upstream.path("resource_changes")) {
      String address = change.path("address").asText();
      if (!out.containsKey(address)) {
        continue;
      }
      JsonNode unknown = change.path("change").path("after_unknown");
      schema
          .resource(change.path("type").asText())
          .forEach(
              (attribute, type) -> {
                if (type.equals("string") && unknown.path(attribute).asBoolean(false)) {
                  out.get(address)
                      .putIfAbsent(attribute, MockValues.hex(address + "/" + attribute, 8));
                }
              });
    }
    return out;
  }

  private static final Set<String> NOT_RESOURCES =
      Set.of("var", "local", "data", "each", "count", "path", "self", "terraform", "module");

  /**
   * What a {@code for_each} or {@code count} that a failed plan says is known only after apply
   * depends on, as plan targets: the resource or module call its expression refers to ({@code
   * aws_subnet.private}, {@code module.vpc}), in the module the expression is in; for a local or a
   * variable, every resource and module call of the root module but the ones that failed.
   */
  static List<String> upstreamOfUnknownExpansions(
      String ndjson, Map<String, String> modules, Path workDir) {
    Set<String> out = new LinkedHashSet<>();
    Set<String> failing = new LinkedHashSet<>();
    boolean everything = false;
    for (String line : ndjson.split("\n")) {
      if (!line.contains("\"type\":\"diagnostic\"")) {
        continue;
      }
      JsonNode diagnostic = TestOutput.line(line).path("diagnostic");
      String summary = diagnostic.path("summary").asText();
      if (!(summary.equals("Invalid for_each argument") || summary.equals("Invalid count argument"))
          || !diagnostic.path("detail").asText().contains("cannot be determined until apply")) {
        continue;
      }
      List<String> prefixes =
          modulePrefixes(modules, diagnostic.path("range").path("filename").asText());
      Matcher context = BLOCK.matcher(diagnostic.path("snippet").path("context").asText());
      if (context.find()) {
        String block =
            context.group(1).equals("module")
                ? "module." + context.group(2)
                : context.group(2) + "." + context.group(3);
        prefixes.forEach(p -> failing.add(p + block));
        if (!prefixes.contains("")) {
          prefixes.forEach(p -> failing.add(p.replaceAll("\\.$", "")));
        }
      }
      for (JsonNode value : diagnostic.path("snippet").path("values")) {
        String[] parts = value.path("traversal").asText().split("\\.");
        String head = parts[0].replaceAll("\\[.*", "");
        if (parts.length < 2) {
          continue;
        }
        String second = parts[1].replaceAll("\\[.*", "");
        if (head.equals("module")) {
          prefixes.forEach(p -> out.add(p + "module." + second));
        } else if (!NOT_RESOURCES.contains(head)) {
          prefixes.forEach(p -> out.add(p + head + "." + second));
        } else if (head.equals("var") || head.equals("local")) {
          everything = true;
        }
      }
    }
    if (everything) {
      out.addAll(rootBlocks(workDir));
    }
    out.removeAll(failing);
    return List.copyOf(out);
  }

  private static final Pattern BLOCK =
      Pattern.compile("^(resource|module)\\s+\"([A-Za-z0-9_-]+)\"(?:\\s+\"([A-Za-z0-9_-]+)\")?");

  /** The address prefixes ({@code module.a.module.b.}) of the module calls using a file's dir. */
  private static List<String> modulePrefixes(Map<String, String> modules, String filename) {
    Path parent = Path.of(filename).normalize().getParent();
    String fileDir = parent == null ? "" : parent.toString().replace("\\", "/");
    List<String> out = new ArrayList<>();
    modules.forEach(
        (key, moduleDir) -> {
          String normalized = Path.of(moduleDir).normalize().toString().replace("\\", "/");
          if ((normalized.equals(".") ? "" : normalized).equals(fileDir)) {
            out.add(
                key.isEmpty()
                    ? ""
                    : java.util.Arrays.stream(key.split("\\."))
                        .map(k -> "module." + k + ".")
                        .reduce("", String::concat));
          }
        });
    return out.isEmpty() ? new ArrayList<>(List.of("")) : out;
  }

  /** Every {@code resource} and {@code module} block of the root module, as plan targets. */
  private static List<String> rootBlocks(Path workDir) {
    List<String> out = new ArrayList<>();
    try (var files = Files.list(workDir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".tf")).sorted().toList()) {
        Matcher m = ROOT_BLOCK.matcher(Files.readString(file));
        while (m.find()) {
          out.add(
              m.group(1).equals("module") ? "module." + m.group(2) : m.group(2) + "." + m.group(3));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + workDir, e);
    }
    return out;
  }

  private static final Pattern ROOT_BLOCK =
      Pattern.compile(
          "(?m)^(resource|module)\\s+\"([A-Za-z0-9_-]+)\"(?:\\s+\"([A-Za-z0-9_-]+)\")?\\s*\\{");

  /**
   * The data sources whose lists a failed plan indexed past their end ({@code Invalid index} on
   * {@code data.aws_subnets.private.ids[2]}): they answer longer lists in the next round.
   */
  static List<String> indexedDataNamedIn(String ndjson, List<String> known) {
    Set<String> out = new LinkedHashSet<>();
    for (String line : ndjson.split("\n")) {
      if (!line.contains("\"type\":\"diagnostic\"") || !line.contains("Invalid index")) {
        continue;
      }
      JsonNode diagnostic = TestOutput.line(line).path("diagnostic");
      String code = diagnostic.path("snippet").path("code").asText();
      for (String address : known) {
        String local = address.substring(address.lastIndexOf("data."));
        if (code.contains(local)) {
          out.add(address);
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * The root module's {@code provider "aws"} blocks: the aliases they declare (each gets the
   * reading's override too) and the account guards they set.
   */
  record RootProviders(List<String> aliases, List<String> guards) {

    private static final Pattern PROVIDER = Pattern.compile("(?m)^provider\\s+\"aws\"\\s*\\{");
    private static final Pattern ALIAS = Pattern.compile("(?m)^\\s*alias\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern GUARD =
        Pattern.compile("(?m)^\\s*((?:allowed|forbidden)_account_ids)\\s*=");

    static RootProviders of(Path workDir) {
      Set<String> aliases = new TreeSet<>();
      Set<String> guards = new TreeSet<>();
      try (var files = Files.list(workDir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".tf")).sorted().toList()) {
          String text = Files.readString(file);
          Matcher provider = PROVIDER.matcher(text);
          while (provider.find()) {
            String block = block(text, provider.end());
            Matcher alias = ALIAS.matcher(block);
            if (alias.find()) {
              aliases.add(alias.group(1));
            }
            Matcher guard = GUARD.matcher(block);
            while (guard.find()) {
              guards.add(guard.group(1) + (alias.find(0) ? " (alias " + alias.group(1) + ")" : ""));
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + workDir, e);
      }
      return new RootProviders(List.copyOf(aliases), List.copyOf(guards));
    }

    /** The text up to the brace that closes the block opened just before {@code from}. */
    private static String block(String text, int from) {
      int depth = 1;
      for (int i = from; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '{') {
          depth++;
        } else if (c == '}' && --depth == 0) {
          return text.substring(from, i);
        }
      }
      return text.substring(from);
    }
  }

  /** What a reading keeps: the plan without provider schemas, the state's modules, lookups. */
  private static JsonNode kept(
      JsonNode plan, JsonNode state, Map<String, String> lookedUp, Map<String, String> modules) {
    ObjectNode made = JSON.createObjectNode();
    ObjectNode planned = plan.deepCopy();
    planned.remove("provider_schemas");
    made.set("plan", planned);
    ObjectNode kept = JSON.createObjectNode();
    kept.set("root_module", state.path("root_module"));
    made.set("state", kept);
    made.set("looked_up", JSON.valueToTree(lookedUp));
    made.set("modules", JSON.valueToTree(modules));
    return made;
  }

  private static final Pattern REQUIRED_VARIABLE =
      Pattern.compile("required variable \"([^\"]+)\"");

  private static final Pattern WRONG_TYPE =
      Pattern.compile("var\\.([A-Za-z0-9_-]+) declared at \\S+: (.*) required");

  /**
   * The variables a failed plan says have no value (required, no default, not given) → a value by
   * their name; and the ones made up earlier that their type refused → a value of that type.
   */
  static Map<String, Object> requiredVariablesNamedIn(String ndjson, Set<String> given) {
    Map<String, Object> out = new TreeMap<>();
    for (String line : ndjson.split("\n")) {
      if (!line.contains("\"type\":\"diagnostic\"")) {
        continue;
      }
      String detail = TestOutput.line(line).path("diagnostic").path("detail").asText("");
      Matcher missing = REQUIRED_VARIABLE.matcher(detail);
      if (line.contains("No value for required variable") && missing.find()) {
        out.put(missing.group(1), MockValues.variable(missing.group(1)));
      }
      Matcher wrong = WRONG_TYPE.matcher(detail);
      if (line.contains("Invalid value for input variable")
          && wrong.find()
          && given.contains(wrong.group(1))) {
        out.put(wrong.group(1), MockValues.ofType(wrong.group(2), wrong.group(1)));
      }
    }
    return out;
  }

  /** One {@code terraform test} of one generated file: its output, or its failure in one line. */
  private record Run(String output, Optional<String> failure) {}

  private static Run run(TerraformCli cli, Path dir, Path workDir, String file) {
    CommandResult test;
    List<String> refused;
    Optional<ProviderServer> kept = cli.keptProvider();
    if (kept.isPresent()) {
      // a provider kept running calls its own stub; one reading at a time uses it
      PlanTimeAws aws = kept.get().aws();
      int before = aws.refused().size();
      test = cli.testJson(workDir, ReadingFiles.TEST_DIRECTORY, file, Map.of());
      List<String> all = aws.refused();
      refused = all.subList(before, all.size());
    } else {
      try (PlanTimeAws aws = PlanTimeAws.start()) {
        test =
            cli.testJson(
                workDir,
                ReadingFiles.TEST_DIRECTORY,
                file,
                Map.of("AWS_ENDPOINT_URL", aws.url(), "AWS_EC2_METADATA_DISABLED", "true"));
        refused = aws.refused();
      }
    }
    List<String> errors = errors(test.output(), dir, workDir);
    if (test.ok() && errors.isEmpty()) {
      return new Run(test.output(), Optional.empty());
    }
    String first =
        errors.isEmpty()
            ? dir + ": terraform test failed: " + test.describe(10)
            : errors.get(0) + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
    String calls =
        refused.isEmpty()
            ? ""
            : "; the plan needed AWS calls an offline reading cannot answer: "
                + String.join(", ", new LinkedHashSet<>(refused));
    return new Run(test.output(), Optional.of(Text.oneLine(first, 600) + calls));
  }

  private static final Pattern LOCKED_AWS =
      Pattern.compile(
          "provider \"registry.terraform.io/hashicorp/aws\" \\{\\s*version\\s*=\\s*\"([^\"]+)\"");

  /**
   * The AWS provider's schema, for the types and attributes values are made for: read in a
   * directory of its own that needs the provider init chose and nothing else ({@code providers
   * schema} would ask for the configuration's backend to be initialised).
   */
  private static ProviderSchema schema(
      TerraformCli cli, Path workDir, Optional<Path> pluginDir, TerraformCache cache) {
    String version;
    try {
      Matcher locked = LOCKED_AWS.matcher(Files.readString(workDir.resolve(".terraform.lock.hcl")));
      version = locked.find() ? locked.group(1) : "";
    } catch (IOException e) {
      version = "";
    }
    Path module = workDir.resolveSibling(workDir.getFileName() + "-schema-module");
    Path scratch = workDir.resolveSibling(workDir.getFileName() + "-schema");
    write(
        module.resolve("versions.tf"),
        "terraform {\n  required_providers {\n    aws = {\n      source = \"hashicorp/aws\"\n"
            + (version.isEmpty() ? "" : "      version = \"" + version + "\"\n")
            + "    }\n  }\n}\n");
    String key = cache.key("schema", module, cli.binary(), pluginDir);
    Optional<String> kept = cache.get("schema", key, module);
    if (kept.isPresent()) {
      return ProviderSchema.fromJson(kept.get());
    }
    CommandResult init = cli.initOffline(module, scratch, pluginDir);
    CommandResult result = init.ok() ? cli.providersSchema(scratch) : init;
    if (!result.ok()) {
      throw new TerraformConfigException(
          "the AWS provider's schema could not be read: " + result.describe(5));
    }
    ProviderSchema schema = ProviderSchema.parse(result.output());
    cache.put("schema", key, schema.toJson());
    return schema;
  }

  /** {@code .terraform/modules/modules.json}: module key → directory; the root alone if none. */
  static Map<String, String> modules(Path workDir) {
    Path manifest = workDir.resolve(".terraform/modules/modules.json");
    Map<String, String> out = new TreeMap<>();
    out.put("", ".");
    if (!Files.isRegularFile(manifest)) {
      return out;
    }
    try {
      for (JsonNode module : JSON.readTree(manifest.toFile()).path("Modules")) {
        out.put(module.path("Key").asText(), module.path("Dir").asText("."));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + manifest, e);
    }
    return out;
  }

  private static boolean answeredOffline(String dataAddress) {
    String type = ReadingFiles.dataType(dataAddress);
    return MockValues.ANSWERED_OFFLINE.contains(TerraformReading.ALIASES.getOrDefault(type, type));
  }

  /**
   * The data source instances a failed plan's errors name that have no values yet: those in a
   * module called with {@code count} or {@code for_each}, whose instance keys only the plan knows.
   */
  static List<String> dataNamedIn(String ndjson, List<String> known) {
    Set<String> out = new LinkedHashSet<>();
    for (String line : ndjson.split("\n")) {
      if (!line.contains("\"type\":\"diagnostic\"")) {
        continue;
      }
      String address = TestOutput.line(line).path("diagnostic").path("address").asText("");
      if (address.contains("data.") && !known.contains(address) && !answeredOffline(address)) {
        out.add(address);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Every managed instance's identity, for the mocked apply: each attribute the plan did not know
   * that the table shapes ({@link MockValues}), seeded by the instance's address.
   */
  static Map<String, Map<String, Object>> identities(JsonNode plan, ProviderSchema schema) {
    Map<String, Map<String, Object>> out = new TreeMap<>();
    for (JsonNode change : plan.path("resource_changes")) {
      if (!"managed".equals(change.path("mode").asText())
          || change.path("change").path("actions").toString().contains("delete")) {
        continue;
      }
      String address = change.path("address").asText();
      String declared = change.path("type").asText();
      String type = TerraformReading.ALIASES.getOrDefault(declared, declared);
      JsonNode unknown = change.path("change").path("after_unknown");
      Map<String, Object> values = new TreeMap<>();
      schema
          .resource(declared)
          .forEach(
              (attribute, attributeType) -> {
                if (unknown.path(attribute).asBoolean(false)) {
                  MockValues.value(
                          MockValues.Kind.RESOURCE, type, attribute, attributeType, address)
                      .ifPresent(v -> values.put(attribute, v));
                }
              });
      out.put(address, values);
    }
    return out;
  }

  /** Each value a data source was given → that data source: what was looked up, not decided. */
  private static Map<String, String> lookedUp(Map<String, Map<String, Object>> data) {
    Map<String, String> out = new LinkedHashMap<>();
    data.forEach(
        (address, values) ->
            values.forEach(
                (attribute, value) -> {
                  for (Object v : Values.list(value)) {
                    if (v instanceof String text && !text.equals(MockValues.ACCOUNT)) {
                      out.putIfAbsent(text, address);
                    }
                  }
                }));
    return out;
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reading's file " + file, e);
    }
  }

  /**
   * Terraform's error diagnostics, one line each: {@code file:line: summary: detail}, the file as
   * the user knows it (under {@code dir}, not the working copy).
   */
  static List<String> errors(String ndjson, Path dir, Path workDir) {
    Set<String> out = new LinkedHashSet<>();
    for (String line : ndjson.split("\n")) {
      if (!line.startsWith("{") || !line.contains("\"type\":\"diagnostic\"")) {
        continue;
      }
      JsonNode diagnostic;
      try {
        diagnostic = JSON.readTree(line).path("diagnostic");
      } catch (IOException e) {
        continue;
      }
      if (!"error".equals(diagnostic.path("severity").asText())) {
        continue;
      }
      JsonNode range = diagnostic.path("range");
      String where =
          range.isMissingNode()
              ? dir.toString()
              : dir.resolve(range.path("filename").asText()).normalize()
                  + ":"
                  + range.path("start").path("line").asInt();
      String address = diagnostic.path("address").asText("");
      String detail = diagnostic.path("detail").asText("");
      out.add(
          where
              + ": "
              + (address.isEmpty() ? "" : address + ": ")
              + diagnostic.path("summary").asText()
              + (detail.isEmpty() ? "" : ": " + Text.oneLine(detail, 300)));
    }
    return List.copyOf(out).stream().map(l -> l.replace(workDir.toString() + "/", "")).toList();
  }

  private static final Pattern TEXT_ERROR =
      Pattern.compile(
          "(?m)^[│ ]*Error: (.+)$\\s*^[│ ]*on (\\S+) line (\\d+)[^\\n]*\\n(?:[│ ]*\\d+:.*\\n)*\\s*([^\\n]*)");

  /**
   * The first error of Terraform's text output that names a place ({@code Error: S} then {@code on
   * FILE line N}), as {@code dir/FILE:N: S: detail}.
   */
  static Optional<String> textError(String output, Path dir) {
    Matcher m = TEXT_ERROR.matcher(output);
    if (!m.find()) {
      return Optional.empty();
    }
    String detail = m.group(4).replaceFirst("^[│ ]*", "").strip();
    return Optional.of(
        dir.resolve(m.group(2)).normalize()
            + ":"
            + m.group(3)
            + ": "
            + m.group(1).strip()
            + (detail.isEmpty() ? "" : ": " + Text.oneLine(detail, 300)));
  }
}
