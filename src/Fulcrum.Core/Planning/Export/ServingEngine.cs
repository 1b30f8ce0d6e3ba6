namespace Fulcrum.Planning.Export;

/// <summary>Serving engines whose launch command Fulcrum writes.</summary>
public enum ServingEngine
{
    /// <summary>vLLM 0.11 (<c>vllm serve</c>).</summary>
    Vllm,

    /// <summary>SGLang 0.5 (<c>python -m sglang.launch_server</c>).</summary>
    Sglang,

    /// <summary>TensorRT-LLM 1.0 (<c>trtllm-serve</c>, PyTorch backend).</summary>
    TrtLlm,
}
