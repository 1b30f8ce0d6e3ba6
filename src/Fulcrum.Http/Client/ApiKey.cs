using Fulcrum.Errors;

namespace Fulcrum.Http.Client;

/// <summary>
/// A bearer token read from an environment variable the user names. <see cref="ToString"/> shows only
/// the variable's name, so the key never reaches a log, a result file or an exception message.
/// </summary>
public sealed class ApiKey
{
    private ApiKey(string variableName, string value)
    {
        VariableName = variableName;
        Value = value;
    }

    /// <summary>The environment variable the key came from.</summary>
    public string VariableName { get; }

    internal string Value { get; }

    /// <summary>Reads the key from <paramref name="variableName"/>; a bad-input error when it is unset or empty.</summary>
    public static ApiKey FromEnvironment(string variableName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(variableName);
        var value = Environment.GetEnvironmentVariable(variableName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InputException($"--api-key-env {variableName}: the environment variable {variableName} is not set or empty; export it with the server's API key, or drop --api-key-env for a server without authentication.");
        }

        return new ApiKey(variableName, value.Trim());
    }

    public override string ToString() => $"API key from ${VariableName}";
}
