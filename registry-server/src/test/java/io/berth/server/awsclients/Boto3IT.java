package io.berth.server.awsclients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.server.testing.TestBerth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** boto3 from Debian's python3-boto3 against Berth: a script exercises ECR, IAM and STS and prints its checks. */
class Boto3IT {
    private static final String SCRIPT = """
            import base64, json, sys, boto3, botocore
            endpoint, key, secret = sys.argv[1], sys.argv[2], sys.argv[3]
            def client(service, **creds):
                creds = creds or dict(aws_access_key_id=key, aws_secret_access_key=secret)
                return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1", **creds)
            token = client("ecr").get_authorization_token()["authorizationData"][0]
            assert base64.b64decode(token["authorizationToken"]).startswith(b"AWS:"), token
            assert token["proxyEndpoint"] == endpoint, token
            print("ok token")
            iam = client("iam")
            iam.create_user(UserName="boto")
            assert [u["UserName"] for u in iam.list_users()["Users"]] == ["boto"]
            access = iam.create_access_key(UserName="boto")["AccessKey"]
            me = client("sts", aws_access_key_id=access["AccessKeyId"],
                        aws_secret_access_key=access["SecretAccessKey"]).get_caller_identity()
            assert me["Arn"] == "arn:aws:iam::123456789012:user/boto", me
            print("ok iam sts")
            try:
                client("ecr", aws_access_key_id=access["AccessKeyId"],
                       aws_secret_access_key=access["SecretAccessKey"]).get_authorization_token()
                raise SystemExit("a user without policies got a token")
            except botocore.exceptions.ClientError as e:
                assert e.response["Error"]["Code"] == "AccessDeniedException", e.response
            print("ok denied")
            try:
                iam.delete_user(UserName="boto")
                raise SystemExit("deleted a user with keys")
            except iam.exceptions.DeleteConflictException:
                pass
            print("ok conflict")
            """;

    @Test
    void boto3TalksToBerth(@TempDir Path dir) throws IOException, InterruptedException {
        Path script = dir.resolve("check.py");
        Files.writeString(script, SCRIPT);
        try (TestBerth berth = TestBerth.start(dir.resolve("data"))) {
            ProcessBuilder builder = new ProcessBuilder("/usr/bin/python3", script.toString(), berth.baseUrl(),
                    berth.rootCredentials().accessKeyId(), berth.rootCredentials().secret().value())
                    .redirectErrorStream(true);
            builder.environment().keySet().removeIf(key -> key.startsWith("AWS_"));
            builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
            builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "boto3 script timed out");
            assertEquals(0, process.exitValue(), output);
            assertTrue(output.contains("ok token") && output.contains("ok iam sts") && output.contains("ok denied")
                    && output.contains("ok conflict"), output);
        }
    }
}
