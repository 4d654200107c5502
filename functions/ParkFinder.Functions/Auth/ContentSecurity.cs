using ParkFinder.Functions.WeChat;
using Microsoft.AspNetCore.Http.HttpResults;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Functions.Auth;

// Text a user publishes passes WeChat content security (msg_sec_check v2, checked as the signed-in
// user) before it is stored: a problem to answer with, or none when every text passed (Review: some
// text was only accepted pending WeChat's review, when the caller accepts that).
public sealed record ContentOutcome(ProblemHttpResult? Problem, bool Review);

public static class ContentSecurity
{
    public const int ProfileScene = 1, CommentScene = 2;

    public static async Task<ProblemHttpResult?> CheckAsync(HttpContext context, UserStore users, WeChatClient wechat, IEnumerable<string> texts,
        int scene, bool acceptReview, CancellationToken cancellationToken) =>
        (await CheckWithReviewAsync(context, users, wechat, texts, scene, acceptReview, cancellationToken)).Problem;

    public static async Task<ContentOutcome> CheckWithReviewAsync(HttpContext context, UserStore users, WeChatClient wechat, IEnumerable<string> texts,
        int scene, bool acceptReview, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context)!;
        var openId = await users.GetOpenIdAsync(user.Id, cancellationToken);
        if (openId is null) return new(Problems.Create(401, "unauthorized", "Sign in again.", "The account behind this token is unknown."), false);
        var rejected = new System.Collections.Concurrent.ConcurrentBag<(string Text, ContentCheck Check)>();
        var review = 0;
        try
        {
            await Parallel.ForEachAsync(texts.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal),
                new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (text, ct) =>
                {
                    var check = await wechat.CheckTextAsync(openId, text, scene, ct);
                    if (check.Verdict == ContentVerdict.Risky || (check.Verdict == ContentVerdict.Review && !acceptReview)) rejected.Add((text, check));
                    else if (check.Verdict == ContentVerdict.Review) Interlocked.Exchange(ref review, 1);
                });
        }
        catch (Exception ex) when (ex is WeChatException or WeChatUnavailableException)
        {
            return new(WeChatProblems.From(ex, context), false);
        }
        if (rejected.IsEmpty) return new(null, review == 1);
        var first = rejected.OrderBy(r => r.Text, StringComparer.Ordinal).First();
        var problem = Problems.Create(422, "content_rejected", "The text did not pass WeChat content security.",
            $"'{Problems.Short(first.Text)}' (label {first.Check.Label}): please rephrase. Nothing was stored.");
        problem.ProblemDetails.Extensions["rejected"] = rejected.Select(r => r.Text).Order(StringComparer.Ordinal).ToArray();
        return new(problem, false);
    }
}
