using System.ComponentModel.DataAnnotations;

namespace ParkFinder.Functions.WeChat;

public sealed class WeChatOptions
{
    [Required]
    public Uri BaseAddress { get; set; } = new("https://api.weixin.qq.com");
    [Required, MinLength(1)]
    public string AppId { get; set; } = "";
    [Required, MinLength(1)]
    public string AppSecret { get; set; } = "";
    [Range(1, 60)]
    public int TimeoutSeconds { get; set; } = 5;
    // Retries for WeChat's "system busy" (-1) and transport failures only.
    [Range(0, 5)]
    public int MaxRetries { get; set; } = 2;
    // Subscribe-message template for "a unit matching your saved search is available".
    public string? AlertTemplateId { get; set; }
    // "A new consult request" to the park's landlords (thing1 park, thing2 category, time3 sent at).
    public string? LeadTemplateId { get; set; }
    // "The park answered your request" to the investor (thing1 park, phrase2 status, time3 answered at).
    public string? LeadAnsweredTemplateId { get; set; }
    // "Please confirm your availability" to landlords of parks with stale units (thing1 park, number2 units, thing3 action).
    public string? StaleReminderTemplateId { get; set; }
}
