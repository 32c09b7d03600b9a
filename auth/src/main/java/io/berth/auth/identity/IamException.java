package io.berth.auth.identity;

import io.berth.auth.AuthException;

/**
 * A failure of an IAM operation, carrying IAM's error code ({@code NoSuchEntity}, {@code EntityAlreadyExists},
 * {@code LimitExceeded}, {@code DeleteConflict}, {@code InvalidInput}) and the HTTP status IAM answers it with.
 */
public final class IamException extends AuthException {
    private final String code;
    private final int status;

    private IamException(String code, int status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public static IamException noSuchEntity(String message) {
        return new IamException("NoSuchEntity", 404, message);
    }

    public static IamException alreadyExists(String message) {
        return new IamException("EntityAlreadyExists", 409, message);
    }

    public static IamException limitExceeded(String message) {
        return new IamException("LimitExceeded", 409, message);
    }

    public static IamException deleteConflict(String message) {
        return new IamException("DeleteConflict", 409, message);
    }

    public static IamException invalidInput(String message) {
        return new IamException("InvalidInput", 400, message);
    }
}
