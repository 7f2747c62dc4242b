# SPDX-License-Identifier: Apache-2.0
"""
merge 1f002cab0a7 and 28a7e805fd0

Revision ID: 49b93c346db
Revises: ('1f002cab0a7', '28a7e805fd0')
Create Date: 2015-06-02 23:55:28.367579
"""

revision = "49b93c346db"
down_revision = ("1f002cab0a7", "28a7e805fd0")


def upgrade():
    pass


def downgrade():
    pass
