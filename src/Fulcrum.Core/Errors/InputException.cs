namespace Fulcrum.Errors;

/// <summary>
/// Bad user input: an unknown name, a malformed file, a value out of range or a deployment that breaks a rule.
/// The CLI prints the message and exits with code 2. Each message names the value and the fix.
/// </summary>
public sealed class InputException : Exception
{
    public InputException(string message)
        : base(message)
    {
    }

    public InputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InputException()
    {
    }
}
