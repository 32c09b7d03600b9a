package io.berth.server.cli;

import io.berth.auth.sigv4.AwsCredentials;
import io.berth.server.aws.AwsApiClient;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client commands of {@code berth}, which call a running Berth's API with AWS credentials:
 * <ul>
 *   <li>{@code get-login-password [--endpoint-url URL] [--region R] [--data-dir DIR]} prints a registry password
 *   for {@code docker login --username AWS --password-stdin}, as {@code aws ecr get-login-password} does;</li>
 *   <li>{@code create-pull-credential --repositories P1,P2 [--days N] ...} prints (as JSON) a long-lived,
 *   pull-only login for cluster nodes;</li>
 *   <li>{@code policy simulate --principal ARN --action A [--resource ARN] [--context KEY=VALUE]...} prints (as
 *   JSON) the decision for that request and the statements that made it.</li>
 * </ul>
 */
public final class ClientCommands {
    public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:5000";

    private ClientCommands() {
    }

    public static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        return run(Kind.LOGIN_PASSWORD, args, environment, out, err);
    }

    public static int runPullCredential(List<String> args, Map<String, String> environment, PrintStream out,
                                        PrintStream err) {
        return run(Kind.PULL_CREDENTIAL, args, environment, out, err);
    }

    public static int runSimulate(List<String> args, Map<String, String> environment, PrintStream out,
                                  PrintStream err) {
        return run(Kind.SIMULATE, args, environment, out, err);
    }

    private enum Kind { LOGIN_PASSWORD, PULL_CREDENTIAL, SIMULATE }

    private static int run(Kind kind, List<String> args, Map<String, String> environment, PrintStream out,
                           PrintStream err) {
        boolean pullCredential = kind == Kind.PULL_CREDENTIAL;
        String repositories = null;
        int days = 30;
        var simulation = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        var context = simulation.putObject("context");
        String endpoint = environment.getOrDefault("BERTH_ENDPOINT", DEFAULT_ENDPOINT);
        String region = environment.getOrDefault("AWS_REGION", environment.getOrDefault("AWS_DEFAULT_REGION",
                "us-east-1"));
        Path dataDir = Path.of("berth-data");
        boolean dataDirGiven = false;
        for (int i = 0; i < args.size(); i++) {
            if (i + 1 >= args.size()) {
                err.println("berth: " + args.get(i) + " needs a value");
                return 2;
            }
            String value = args.get(++i);
            switch (args.get(i - 1)) {
                case "--endpoint-url" -> endpoint = value;
                case "--region" -> region = value;
                case "--data-dir" -> {
                    dataDir = Path.of(value);
                    dataDirGiven = true;
                }
                case "--repositories" -> repositories = value;
                case "--principal" -> simulation.put("principalArn", value);
                case "--action" -> simulation.put("action", value);
                case "--resource" -> simulation.put("resource", value);
                case "--context" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        err.println("berth: --context takes KEY=VALUE");
                        return 2;
                    }
                    context.withArray(value.substring(0, eq)).add(value.substring(eq + 1));
                }
                case "--days" -> {
                    try {
                        days = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        err.println("berth: --days takes a number");
                        return 2;
                    }
                }
                default -> {
                    err.println("berth: unknown option " + args.get(i - 1));
                    return 2;
                }
            }
        }
        Optional<AwsCredentials> credentials = CredentialSources.find(environment, dataDir, dataDirGiven);
        if (credentials.isEmpty()) {
            err.println("berth: no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or"
                    + " --data-dir of the Berth whose credentials file to use");
            return 253;
        }
        if (pullCredential && repositories == null) {
            err.println("berth: --repositories is required (comma-separated names or patterns such as team/*)");
            return 2;
        }
        try {
            AwsApiClient client = new AwsApiClient(URI.create(endpoint), credentials.get(), region);
            if (kind == Kind.SIMULATE) {
                if (!simulation.has("principalArn") || !simulation.has("action")) {
                    err.println("berth: policy simulate needs --principal and --action");
                    return 2;
                }
                var result = client.berth("SimulatePolicy", simulation.toString());
                out.println(result.toPrettyString());
                return result.path("decision").asText().equals("ALLOW") ? 0 : 1;
            }
            if (pullCredential) {
                var input = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("days", days);
                var list = input.putArray("repositories");
                for (String repository : repositories.split(",")) {
                    list.add(repository.strip());
                }
                out.println(client.berth("CreatePullCredential", input.toString()).toPrettyString());
            } else {
                out.println(client.loginPassword());
            }
            return 0;
        } catch (IOException e) {
            err.println(e.getMessage());
            return 254;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (IllegalArgumentException e) {
            err.println("berth: invalid endpoint " + endpoint);
            return 2;
        }
    }
}
