using MbcFhirEdu.Core.Population;

namespace MbcFhirEdu.Data.Population;

/// <summary>One page of the worklist, optionally one reason only; pages start at 1. Closed entries only when asked.</summary>
public sealed record WorklistQuery(WorklistReason? Reason, int Page, int PageSize, bool IncludeClosed = false);
