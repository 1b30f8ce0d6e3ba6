namespace Fulcrum.Http.Prompts;

/// <summary>
/// Random prompts of a given token length without a tokenizer. Each prompt is a run of common English
/// words, each written with a leading space: every word of the list is exactly one token that way in
/// OpenAI's cl100k_base and o200k_base vocabularies, and runs of them add up exactly (a test checks
/// both with Microsoft.ML.Tokenizers). Llama 3's vocabulary contains cl100k_base's tokens and the same
/// pre-tokenizer, so a prompt of n words is n tokens there too, before the server adds its BOS token
/// or chat template. For other vocabularies (Qwen2.5, Mistral's SentencePiece) the count is an
/// estimate: pass a tokenizer.json for exact lengths. Random words also keep prompts from sharing
/// prefixes, so a prefix cache does not shorten prefill.
/// </summary>
public static class RandomWordPrompts
{
    /// <summary>Words that are one token each, with a leading space, in cl100k_base and o200k_base.</summary>
    internal static readonly string[] Words =
    [
        "the", "of", "and", "to", "in", "is", "that", "for", "it", "as", "was", "with", "be", "by", "on",
        "not", "he", "this", "are", "or", "his", "from", "at", "which", "but", "have", "an", "had", "they",
        "you", "were", "their", "one", "all", "we", "can", "her", "has", "there", "been", "if", "more",
        "when", "will", "would", "who", "so", "no", "she", "other", "its", "may", "these", "about", "what",
        "some", "them", "than", "time", "only", "into", "most", "out", "also", "him", "new", "then", "two",
        "like", "could", "first", "any", "my", "over", "such", "made", "many", "our", "state", "after",
        "even", "years", "where", "through", "back", "much", "before", "good", "each", "work", "well",
        "way", "own", "between", "still", "long", "under", "same", "while", "last", "great", "part",
        "because", "three", "people", "world", "life", "day", "year", "might", "both", "school", "those",
        "number", "city", "system", "place", "found", "never", "group", "small", "case", "line", "point",
        "right", "high", "take", "again", "among", "every", "home", "house", "country", "water", "less",
        "name", "end", "power", "hand", "order", "next", "form", "later", "without", "area", "early",
        "public", "left", "second", "fact", "general", "four", "however", "during", "must", "give", "young",
        "national", "often", "until", "always", "given", "side", "days", "does", "large", "best", "change",
        "against", "here", "above", "half", "once", "since", "family", "five", "mind", "body", "head",
        "face", "light", "night", "voice", "level", "music", "service", "room", "free", "field", "today",
        "course", "market", "team", "report", "least", "class", "money", "story", "heart", "start", "paper",
        "plan", "care", "book", "late", "moment", "door", "river", "table", "white", "black", "green",
        "short", "open", "close", "road", "ground", "hour", "tree", "rest", "game", "law", "past", "fire",
        "rate", "price", "sense", "third", "north", "south", "west", "east", "wall", "note", "model",
        "force", "range", "song", "word", "list", "step", "stone", "glass", "metal", "sound", "board",
        "bank", "space", "cell", "wave", "plant", "horse", "dream", "paint", "smile", "chair", "blue",
        "round", "plain", "reach", "serve", "slow", "true", "warm", "cold", "dark", "deep", "full", "rich",
        "wide", "clear", "ready", "heavy", "quick", "quiet", "sharp"
    ];

    /// <summary>Returns a prompt of <paramref name="tokens"/> words drawn with <paramref name="random"/>.</summary>
    public static string Create(int tokens, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);
        ArgumentNullException.ThrowIfNull(random);
        var builder = new System.Text.StringBuilder(tokens * 6);
        for (var i = 0; i < tokens; i++)
        {
            builder.Append(' ').Append(Words[random.Next(Words.Length)]);
        }

        return builder.ToString();
    }
}
