package io.berth.server.ecr;

/**
 * A client error of the ECR API, rendered as {@code {"__type": type, "message": ...}} with status 400. The
 * factory methods use ECR's own wording.
 */
public final class EcrException extends RuntimeException {
    private final String type;

    public EcrException(String type, String message) {
        super(message);
        this.type = type;
    }

    public String type() {
        return type;
    }

    public static EcrException repositoryNotFound(String name, String registryId) {
        return new EcrException("RepositoryNotFoundException", "The repository with name '" + name
                + "' does not exist in the registry with id '" + registryId + "'");
    }

    public static EcrException repositoryPolicyNotFound(String name, String registryId) {
        return new EcrException("RepositoryPolicyNotFoundException", "Repository policy does not exist for the "
                + "repository with name '" + name + "' in the registry with id '" + registryId + "'");
    }

    public static EcrException registryPolicyNotFound(String registryId) {
        return new EcrException("RegistryPolicyNotFoundException", "Registry policy does not exist in the "
                + "registry with id '" + registryId + "'");
    }

    public static EcrException invalidParameter(String message) {
        return new EcrException("InvalidParameterException", message);
    }

    public static EcrException unknownOperation(String target) {
        return new EcrException("UnknownOperationException", "Unknown operation " + target);
    }
}
