using CsCheck;
using Fulcrum.Metrics;
using Fulcrum.Simulation;
using Fulcrum.Specs.Deployments;

namespace Fulcrum.Tests.Simulation;

/// <summary>
/// Random arrivals, time steps and aborts against an online simulation: aborts land on waiting, prefilling,
/// decoding, preempted and in-flight requests, and no request may be lost or end twice.
/// </summary>
public class OnlineAbortPropertyTests
{
    private enum Step
    {
        Submit,
        Advance,
        Abort,
    }

    /// <summary>A small engine (tight budgets and KV cache, so chunked prefill and preemption are common) and a script of steps.</summary>
    private static readonly Gen<(EngineSettings Engine, int Pp, int Dp, int Blocks, (Step Kind, int A, int B, double Dt)[] Script)> Cases =
        from policy in Gen.Int[0, 2]
        from budget in Gen.Int[16, 600]
        from maxSeqs in Gen.Int[1, 12]
        from blockSize in Gen.OneOf(Gen.Const(1), Gen.Const(16))
        from blocks in Gen.Int[4, 120]
        from pp in Gen.Int[1, 3]
        from dp in Gen.Int[1, 2]
        from script in Gen.Select(Gen.Int[0, 2], Gen.Int[1, 480], Gen.Int[1, 40], Gen.Double[0, 0.03]).Array[1, 80]
        select (
            new EngineSettings
            {
                BatchingPolicy = (BatchingPolicy)policy,
                MaxNumBatchedTokens = budget,
                MaxNumSeqs = maxSeqs,
                BlockSize = blockSize,
                MaxModelLength = 500,
            },
            pp,
            dp,
            blocks,
            script.Select(s => ((Step)s.Item1, s.Item2, s.Item3, s.Item4)).ToArray());

    [Fact]
    public void RandomAborts_EndEveryRequestOnce()
    {
        Cases.Sample(c =>
        {
            var ledger = new Ledger();
            var deployment = SimulationFactory.Deployment(pp: c.Pp, dp: c.Dp, engine: c.Engine);
            var cost = new LinearStepCostModel { Stages = c.Pp, PerContextTokenSeconds = 1e-6, TransferSecondsEach = 0.0005 };
            var online = new OnlineSimulator(deployment, cost, ledger, RouterPolicy.LeastRequests, kvCacheBlocks: c.Blocks);
            var time = 0.0;
            foreach (var (kind, a, b, dt) in c.Script)
            {
                switch (kind)
                {
                    case Step.Submit:
                        ledger.Submit(online, a, b);
                        break;
                    case Step.Advance:
                        time += dt;
                        online.AdvanceTo(time);
                        break;
                    default:
                        ledger.Abort(online, a);
                        break;
                }

                ledger.CheckOutstanding(online);
            }

            online.AdvanceTo(time + 1000);

            Assert.All(ledger.Requests, r => Assert.NotNull(r.Outcome));
            Assert.All(ledger.Requests, r => Assert.True(r.Outcome != RequestOutcome.Completed || r.Tokens == r.Output, $"completed with {r.Tokens} of {r.Output} tokens"));
            Assert.All(ledger.Requests, r => Assert.True(r.Outcome != RequestOutcome.Aborted || r.AbortAccepted, "aborted without an accepted abort"));
            Assert.All(ledger.Requests, r => Assert.True(r.Outcome != RequestOutcome.Aborted || r.Tokens < r.Output, "aborted after its last token"));
            Assert.Equal(ledger.Requests.Count(r => r.Outcome == RequestOutcome.Aborted), online.AbortedRequests);
            Assert.Equal(0, online.Outstanding);
            Assert.Equal(0, online.KvBlocksInUse);
            Assert.Null(online.NextEventSeconds);
        }, iter: 400, print: c => $"{c.Engine} PP{c.Pp} DP{c.Dp} blocks={c.Blocks} script=[{string.Join(", ", c.Script.Select(s => $"{s.Kind}({s.A}, {s.B}, {s.Dt:0.####})"))}]");
    }

    private sealed class Tracked(int input, int output)
    {
        public int Input { get; } = input;

        public int Output { get; } = output;

        public int Tokens { get; set; }

        public bool AbortAccepted { get; set; }

        public RequestOutcome? Outcome { get; set; }
    }

    /// <summary>Follows every submitted request by the slot id it has while live; ids are reused after an end.</summary>
    private sealed class Ledger : IOnlineSimulationListener
    {
        private readonly Dictionary<int, Tracked> live = [];
        private Tracked? submitting;

        public List<Tracked> Requests { get; } = [];

        public void Submit(OnlineSimulator online, int input, int output)
        {
            var request = new Tracked(input, output);
            Requests.Add(request);
            submitting = request;
            var id = online.Submit(input, output);
            submitting = null;
            Assert.True(id >= 0, "no free slot");
            if (request.Outcome is null)
            {
                live.Add(id, request);
            }
        }

        /// <summary>Aborts an id with no live request, which must change nothing, then the live request at position <paramref name="pick"/> modulo the live count.</summary>
        public void Abort(OnlineSimulator online, int pick)
        {
            var free = pick % 32;
            if (!live.ContainsKey(free))
            {
                Assert.False(online.Abort(free));
            }

            if (live.Count == 0)
            {
                return;
            }

            var (id, request) = live.OrderBy(p => p.Key).ElementAt(pick % live.Count);
            var accepted = online.Abort(id);
            Assert.Equal(!request.AbortAccepted, accepted);
            request.AbortAccepted |= accepted;
        }

        public void CheckOutstanding(OnlineSimulator online) => Assert.Equal(live.Count, online.Outstanding);

        public void OnToken(int requestId, int generated, double timeSeconds)
        {
            Assert.True(live.TryGetValue(requestId, out var request), $"token for request {requestId}, which is not live");
            Assert.Equal(request!.Tokens + 1, generated);
            request.Tokens = generated;
        }

        public void OnEnded(int requestId, RequestOutcome outcome, double timeSeconds)
        {
            if (live.Remove(requestId, out var request))
            {
                Assert.Null(request.Outcome);
                request.Outcome = outcome;
                return;
            }

            // Only a request rejected inside Submit may end before it is live.
            Assert.NotNull(submitting);
            Assert.Null(submitting!.Outcome);
            Assert.Equal(RequestOutcome.Rejected, outcome);
            submitting.Outcome = outcome;
        }
    }
}
