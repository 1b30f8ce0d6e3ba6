using Fulcrum.Http.Load;
using Fulcrum.Http.Prompts;
using Fulcrum.Workloads;
using Microsoft.ML.Tokenizers;

namespace Fulcrum.Http.Bench;

/// <summary>Turns a drawn workload (the simulator's send times and lengths) into requests with prompt text.</summary>
public static class BenchPlan
{
    /// <summary>
    /// Pairs each workload request with a prompt: the prompt file's entries in turn (with their own
    /// <c>max_tokens</c> where given), else random words of the request's input length, exact under
    /// <paramref name="tokenizer"/> when one is given. The same seed gives the same prompts.
    /// </summary>
    public static IReadOnlyList<PlannedRequest> Build(Workload workload, IReadOnlyList<PromptSample>? prompts, Tokenizer? tokenizer, long seed)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var random = new Random(unchecked((int)(seed ^ (seed >> 32))));
        var plan = new List<PlannedRequest>(workload.Requests.Count);
        for (var i = 0; i < workload.Requests.Count; i++)
        {
            var request = workload.Requests[i];
            var sample = Sample(prompts, tokenizer, request.InputTokens, i, random);
            var maxTokens = sample.MaxTokens ?? request.OutputTokens;
            plan.Add(new PlannedRequest(i, TimeSpan.FromSeconds(request.ArrivalSeconds), sample.Text, sample.Tokens, maxTokens));
        }

        return plan;
    }

    private static PromptSample Sample(IReadOnlyList<PromptSample>? prompts, Tokenizer? tokenizer, int inputTokens, int index, Random random)
    {
        if (prompts is { Count: > 0 })
        {
            return prompts[index % prompts.Count];
        }

        return tokenizer is not null
            ? TokenizerPrompts.Create(tokenizer, inputTokens, random)
            : new PromptSample(RandomWordPrompts.Create(inputTokens, random), inputTokens, null);
    }
}
