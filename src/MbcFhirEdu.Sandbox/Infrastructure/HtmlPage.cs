using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MbcFhirEdu.Sandbox.Infrastructure;

/// <summary>The sandbox's few server-rendered pages: one accessible layout, everything HTML-encoded.</summary>
internal static class HtmlPage
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static ContentHttpResult Render(string title, string body, int statusCode = StatusCodes.Status200OK) =>
        TypedResults.Content($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{{E(title)}} · Sandbox EHR</title>
              <style>
                body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1b1b1b; background: #f7f7f9; line-height: 1.5; }
                header { background: #123c69; color: #fff; padding: .75rem 1.25rem; }
                main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
                fieldset { border: 1px solid #8a8a99; border-radius: .4rem; margin: 1rem 0; padding: .75rem 1rem; background: #fff; }
                legend { font-weight: 600; padding: 0 .25rem; }
                label { display: block; margin: .35rem 0; }
                button, .button { background: #123c69; color: #fff; border: 0; border-radius: .3rem; padding: .55rem 1rem; font-size: 1rem; cursor: pointer; text-decoration: none; display: inline-block; }
                button:focus-visible, a:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #e07a00; outline-offset: 2px; }
                .error { border-left: 4px solid #a4001d; background: #fff0f2; padding: .5rem .75rem; }
                table { border-collapse: collapse; width: 100%; background: #fff; }
                th, td { text-align: left; padding: .45rem .5rem; border-bottom: 1px solid #d5d5de; vertical-align: top; }
                small { color: #4a4a57; }
                .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
              </style>
            </head>
            <body>
              <header><strong>Sandbox EHR</strong> <small style="color:#dfe8f3">synthetic data only</small></header>
              <main id="main">
                <h1>{{E(title)}}</h1>
                {{body}}
              </main>
            </body>
            </html>
            """, "text/html; charset=utf-8", statusCode: statusCode);
}
