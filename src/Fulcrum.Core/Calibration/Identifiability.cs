namespace Fulcrum.Calibration;

/// <summary>How far the data narrowed a parameter compared with its prior.</summary>
public enum Identifiability
{
    /// <summary>Posterior width below half the prior width: the measurements set the value.</summary>
    Pinned,

    /// <summary>Posterior width between half and 80% of the prior width: the measurements move the value a little.</summary>
    Weak,

    /// <summary>Posterior width above 80% of the prior width: the value stays where the prior puts it.</summary>
    NotPinned,
}
