"""beloftemeter: wat deed de Vlaamse Regering met de beloften uit haar regeerakkoord?"""

__version__ = "0.1.0"
