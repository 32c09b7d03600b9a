package io.berth.server.aws.iam;

import io.berth.auth.identity.Account;
import io.berth.auth.identity.Records.AccessKey;
import io.berth.auth.identity.Records.Group;
import io.berth.auth.identity.Records.Role;
import io.berth.auth.identity.Records.User;
import io.berth.server.aws.query.IsoDates;
import io.berth.server.aws.query.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * IAM's response shapes as XML, member names exactly as botocore's iam model has them. {@code element} is the
 * shape's element name: {@code User} for a single value, {@code member} inside a list. Policy documents are
 * URL-encoded, as IAM returns them (botocore URL-decodes every {@code policyDocumentType}).
 */
final class IamShapes {
    private final Account account;

    IamShapes(Account account) {
        this.account = account;
    }

    /** A User; {@code withTags} for GetUser and CreateUser (the list actions leave tags out, as IAM does). */
    void user(XmlWriter xml, String element, User user, boolean withTags) {
        xml.start(element)
                .element("Path", user.path())
                .element("UserName", user.name())
                .element("UserId", user.userId())
                .element("Arn", account.userArn(user.path(), user.name()))
                .element("CreateDate", IsoDates.format(user.createdAt()));
        if (withTags) {
            tags(xml, user.tags());
        }
        xml.end();
    }

    void group(XmlWriter xml, String element, Group group) {
        xml.start(element)
                .element("Path", group.path())
                .element("GroupName", group.name())
                .element("GroupId", group.groupId())
                .element("Arn", account.groupArn(group.path(), group.name()))
                .element("CreateDate", IsoDates.format(group.createdAt()))
                .end();
    }

    /** A Role; {@code detail} for GetRole and CreateRole: tags and RoleLastUsed, which ListRoles leaves out. */
    void role(XmlWriter xml, String element, Role role, boolean detail) {
        xml.start(element)
                .element("Path", role.path())
                .element("RoleName", role.name())
                .element("RoleId", role.roleId())
                .element("Arn", account.roleArn(role.path(), role.name()))
                .element("CreateDate", IsoDates.format(role.createdAt()))
                .element("AssumeRolePolicyDocument", encodeDocument(role.trustPolicy()))
                .element("MaxSessionDuration", role.maxSessionSeconds());
        if (detail) {
            tags(xml, role.tags());
            xml.start("RoleLastUsed").end();
        }
        xml.end();
    }

    void policy(XmlWriter xml, String element, PolicyView policy) {
        xml.start(element)
                .element("PolicyName", policy.name())
                .element("PolicyId", policy.policyId())
                .element("Arn", policy.arn())
                .element("Path", policy.path())
                .element("DefaultVersionId", policy.defaultVersionId())
                .element("AttachmentCount", policy.attachmentCount())
                .element("PermissionsBoundaryUsageCount", 0)
                .element("IsAttachable", true)
                .optional("Description", policy.description())
                .element("CreateDate", IsoDates.format(policy.createdAt()))
                .element("UpdateDate", IsoDates.format(policy.updatedAt()))
                .end();
    }

    /** AccessKeyMetadata (no secret); the root's keys have no UserName. */
    void accessKeyMetadata(XmlWriter xml, String element, AccessKey key, String userName) {
        xml.start(element)
                .optional("UserName", userName)
                .element("AccessKeyId", key.accessKeyId())
                .element("Status", key.active() ? "Active" : "Inactive")
                .element("CreateDate", IsoDates.format(key.createdAt()))
                .end();
    }

    /** AttachedPolicy: the name is the last segment of the ARN. */
    void attachedPolicy(XmlWriter xml, String policyArn) {
        xml.start("member")
                .element("PolicyName", policyArn.substring(policyArn.lastIndexOf('/') + 1))
                .element("PolicyArn", policyArn)
                .end();
    }

    /** {@code <Tags>} with one member per tag; nothing when there are none. */
    static void tags(XmlWriter xml, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        xml.start("Tags");
        tags.forEach((key, value) -> xml.start("member").element("Key", key).element("Value", value).end());
        xml.end();
    }

    /** A policy document as IAM returns it: URL-encoded UTF-8 ({@code %20} for spaces, never {@code +}). */
    static String encodeDocument(String document) {
        StringBuilder encoded = new StringBuilder(document.length() * 2);
        for (byte b : document.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~';
            if (unreserved) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return encoded.toString();
    }
}
