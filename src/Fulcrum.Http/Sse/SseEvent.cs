namespace Fulcrum.Http.Sse;

/// <summary>
/// One dispatched server-sent event. The spans point into the parser's buffers and are valid only
/// during the <see cref="ISseEventSink.OnEvent"/> call.
/// </summary>
public readonly ref struct SseEvent
{
    public SseEvent(ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> data)
    {
        EventType = eventType;
        Data = data;
    }

    /// <summary>The <c>event:</c> field, empty for the default <c>message</c> type.</summary>
    public ReadOnlySpan<byte> EventType { get; }

    /// <summary>The data lines joined with LF, UTF-8.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Whether this is OpenAI's end-of-stream marker, <c>data: [DONE]</c>.</summary>
    public bool IsDone => Data.SequenceEqual("[DONE]"u8);

    /// <summary>Whether the event carries llama.cpp's <c>error:</c> field.</summary>
    public bool IsErrorField => EventType.SequenceEqual("error"u8);
}
