from geopy.distance import geodesic
from hypothesis import given
from hypothesis import strategies as st

from shelterapp.shelters.geodesy import geodesic_m, walk_minutes, walking_distance_m

lat = st.floats(-89.5, 89.5)
lon = st.floats(-180, 180)


@given(lat, lon, lat, lon)
def test_matches_geopy_geodesic_to_a_millimetre(lat1, lon1, lat2, lon2):
    expected = geodesic((lat1, lon1), (lat2, lon2)).meters
    assert abs(geodesic_m(lat1, lon1, lat2, lon2) - expected) < 1e-3


def test_known_distance_in_kyiv():
    # Maidan Nezalezhnosti to Kontraktova Ploshcha: about 1.8 km as the crow flies.
    assert 1800 < geodesic_m(50.4501, 30.5234, 50.4657, 30.5149) < 1880


@given(st.floats(0, 50_000), st.floats(0, 50_000))
def test_walking_time_never_shrinks_with_distance(a, b):
    near, far = sorted((a, b))
    assert walk_minutes(near) <= walk_minutes(far)
    assert walking_distance_m(near) <= walking_distance_m(far)


def test_walking_estimate_is_honest_about_detours():
    assert walk_minutes(0) == 1
    assert walk_minutes(300) == 6  # 300 m straight = 420 m of streets at 75 m/min, rounded up
    assert walk_minutes(1000) == 18  # 1,350 m of streets


def test_nearly_antipodal_points_use_geographiclib():
    # Vincenty does not converge here; geodesy.py then calls geographiclib itself (a declared dependency).
    for point in ((0.0, 0.0, 0.5, 179.7), (0.1, 0.0, -0.1, 179.9)):
        assert geodesic_m(*point) == geodesic(point[:2], point[2:]).m
